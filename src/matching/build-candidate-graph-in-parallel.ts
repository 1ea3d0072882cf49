import type { CandidateOutput, ScoredCandidateGraph } from './build-candidate-graph.ts';
import { assembleCandidateGraph, createCandidateOutput } from './build-candidate-graph.ts';
import type { MenteeProfile, MentorProfile } from './instance.ts';
import type { PreparedProfiles } from './prepare-profiles.ts';
import type { ScoringWeights } from './score-pair.ts';
import { createScoringContext } from './score-pair.ts';
import type { ScoringTables } from './scoring-tables.ts';
import { buildScoringTables } from './scoring-tables.ts';
import { startTypeScriptWorker } from './start-worker.ts';

/** What one candidate worker receives: everything in shared memory, nothing copied. */
export type CandidateWorkerInput = {
  tables: ScoringTables;
  output: CandidateOutput;
  /** Next mentee to claim (Atomics). */
  next: Int32Array;
  chunk: number;
  minScore?: number;
};

export type ParallelBuildOptions = {
  weights?: Partial<ScoringWeights>;
  k: number;
  minScore?: number;
  excluded: string[];
  threads: number;
  onProgress?: (done: number, total: number) => void;
};

/** Mentees claimed at a time: small enough to balance the threads, large enough to be cheap. */
const CHUNK = 256;

/**
 * Builds the top-k candidate graph on several worker threads. The profiles are prepared
 * once, here; their scoring tables are laid out in SharedArrayBuffers that every worker
 * reads in place, and each worker writes the lists of the mentees it claims into shared
 * fixed-size slots. Each list depends only on its mentee, so the result is identical to the
 * single-thread build whatever the number of threads. (`mentees` and `mentors` are the
 * profiles `profiles` was prepared from.)
 */
export async function buildCandidateGraphInParallel(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  profiles: PreparedProfiles,
  options: ParallelBuildOptions,
): Promise<ScoredCandidateGraph> {
  if (profiles.mentees.length !== mentees.length || profiles.mentors.length !== mentors.length)
    throw new RangeError('profiles must be prepared from the given mentees and mentors');
  const count = profiles.mentees.length;
  const threads = Math.max(1, Math.min(options.threads, Math.ceil(count / CHUNK)));
  // The workers start (load their modules, assemble the row filter) while the tables are
  // built here; each gets them by message once they are ready.
  const workers = Array.from({ length: threads }, () =>
    startTypeScriptWorker(new URL('./candidate-worker.ts', import.meta.url)),
  );
  let done = 0;
  const jobs = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        worker.on('message', (message: { done?: number; finished?: boolean }) => {
          if (message.finished) {
            resolve();
            void worker.terminate();
          } else if (message.done !== undefined) {
            done += message.done;
            options.onProgress?.(done, count);
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`candidate worker stopped with code ${code}`));
        });
      }),
  );
  let tables: ScoringTables;
  try {
    const context = createScoringContext(profiles.textIndex, options.weights);
    tables = buildScoringTables(profiles, context, new Set(options.excluded), true);
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  const output = createCandidateOutput(tables.menteeCount, options.k, true);
  const input: CandidateWorkerInput = {
    tables,
    output,
    next: new Int32Array(new SharedArrayBuffer(4)),
    chunk: CHUNK,
    minScore: options.minScore,
  };
  for (const worker of workers) worker.postMessage(input);
  await Promise.all(jobs);
  return assembleCandidateGraph(profiles, output);
}
