import { parentPort, workerData } from 'node:worker_threads';
import type { CandidateSlice } from './build-candidate-graph.ts';
import { findCandidateSlice } from './build-candidate-graph.ts';
import { catalogMentors } from './find-candidates.ts';
import type { CandidateWorkerInput } from './build-candidate-graph-in-parallel.ts';
import { prepareProfiles } from './prepare-profiles.ts';
import { createScoringContext } from './score-pair.ts';

// Each worker prepares the profiles itself (deterministically, so every thread sees the same
// text index) and answers with flat typed arrays, which are transferred without copying.
const input = workerData as CandidateWorkerInput;
const profiles = prepareProfiles(input.mentees, input.mentors);
const context = createScoringContext(profiles.textIndex, input.weights);
const catalog = catalogMentors(profiles.mentors);
const slice: CandidateSlice = findCandidateSlice(
  profiles,
  catalog,
  context,
  { k: input.k, minScore: input.minScore, excluded: new Set(input.excluded) },
  input.start,
  input.end,
  (done) => parentPort?.postMessage({ progress: done }),
);
parentPort?.postMessage({ slice }, [
  slice.arcStart.buffer as ArrayBuffer,
  slice.arcMentor.buffer as ArrayBuffer,
  slice.arcScore.buffer as ArrayBuffer,
  slice.prunedBound.buffer as ArrayBuffer,
]);
