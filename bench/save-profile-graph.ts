/**
 * `npx tsx bench/save-profile-graph.ts [mentees] [mentors] [file]`: builds the top-50
 * candidate graph of generated profiles once (as `bench/quick-profiles.ts` does) and writes
 * its typed arrays and pruning bounds to a file, so that `bench/solve-saved-graph.ts` can time
 * the optimal assignment again and again without the two-minute build.
 */
import { writeFileSync } from 'node:fs';
import { buildCandidateGraphInParallel } from '../src/matching/build-candidate-graph-in-parallel.ts';
import { prepareProfiles } from '../src/matching/prepare-profiles.ts';
import { generateProfileInstance } from './generate-profiles.ts';
import { encodeSavedGraph } from './saved-graph.ts';

const menteeCount = Number(process.argv[2] ?? 100_000);
const mentorCount = Number(process.argv[3] ?? 50_000);
const file = process.argv[4] ?? `/tmp/profile-graph-${menteeCount}-${mentorCount}.bin`;
const instance = generateProfileInstance(menteeCount, mentorCount, 31);
const profiles = prepareProfiles(instance.mentees, instance.mentors);
const started = performance.now();
const built = await buildCandidateGraphInParallel(instance.mentees, instance.mentors, profiles, {
  threads: 2,
  k: 50,
  excluded: [],
});
writeFileSync(file, encodeSavedGraph(built.graph, built.prunedBound));
console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s, saved to ${file}`);
