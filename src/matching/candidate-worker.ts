import { parentPort } from 'node:worker_threads';
import { findCandidateRange } from './build-candidate-graph.ts';
import type { CandidateWorkerInput } from './build-candidate-graph-in-parallel.ts';
import { createCandidateWorkspace } from './find-candidates.ts';

// The tables and the output live in shared memory: the worker reads the one and writes its
// mentees' slots of the other, claiming chunks of mentees from a shared counter until none
// is left (so a slower thread simply takes fewer chunks). They arrive by message, once built.
parentPort!.once('message', (input: CandidateWorkerInput) => {
  const workspace = createCandidateWorkspace(input.tables, input.output.k);
  const menteeCount = input.tables.menteeCount;
  for (;;) {
    const start = Atomics.add(input.next, 0, input.chunk);
    if (start >= menteeCount) break;
    const end = Math.min(menteeCount, start + input.chunk);
    findCandidateRange(input.tables, input.output, input.minScore, start, end, workspace);
    parentPort!.postMessage({ done: end - start });
  }
  parentPort!.postMessage({ finished: true });
});
