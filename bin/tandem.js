#!/usr/bin/env node
// The operator CLI. TypeScript runs through tsx's loader (esbuild), so no build step is
// needed; see docs/decisions/0002-run-typescript-with-tsx.md.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
