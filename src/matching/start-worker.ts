import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on a TypeScript module. Workers do not inherit tsx's loader, and
 * `execArgv: ['--import', 'tsx']` is not enough on Node 20 (the entry module is resolved
 * before the hooks are active), so a tiny bootstrap registers tsx's ESM hooks first and then
 * imports the module.
 */
export function startTypeScriptWorker(module: URL, options: WorkerOptions = {}): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap =
    `import(${JSON.stringify(tsxApi)})` +
    `.then((api) => { api.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
