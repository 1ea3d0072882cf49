/**
 * `npx tsx bench/quick-profiles.ts [mentees] [mentors]`: the profiles section of
 * `bench/matching.ts` alone — the top-50 candidate graph on 2 worker threads, the optimal
 * assignment's pruning check, with CERTIFY=1 the optimum certified by pricing the pruned pairs
 * (about 35 minutes at the full national size), and top-10 suggestions — without the assignment benchmarks.
 */
import { loadavg } from 'node:os';
import { assignOptimal } from '../src/matching/assign-optimal.ts';
import { buildCandidateGraphInParallel } from '../src/matching/build-candidate-graph-in-parallel.ts';
import { prepareProfiles } from '../src/matching/prepare-profiles.ts';
import { createProfilePairSource, pricePrunedPairs } from '../src/matching/price-pruned-pairs.ts';
import { createScoringContext } from '../src/matching/score-pair.ts';
import { createSuggestionIndex, suggestMentors } from '../src/matching/suggest.ts';
import { generateProfileInstance } from './generate-profiles.ts';

const menteeCount = Number(process.argv[2] ?? 100_000);
const mentorCount = Number(process.argv[3] ?? 50_000);
const instance = generateProfileInstance(menteeCount, mentorCount, 31);
let started = performance.now();
const profiles = prepareProfiles(instance.mentees, instance.mentors);
const prepareSeconds = (performance.now() - started) / 1000;
started = performance.now();
const cpuStart = process.cpuUsage();
const built = await buildCandidateGraphInParallel(instance.mentees, instance.mentors, profiles, {
  threads: 2,
  k: 50,
  excluded: [],
});
const buildSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const pairs = menteeCount * mentorCount;
started = performance.now();
const assigned = assignOptimal(built.graph, { prunedBound: built.prunedBound });
const assignSeconds = (performance.now() - started) / 1000;
console.log(
  `${menteeCount} × ${mentorCount}: prepare ${prepareSeconds.toFixed(1)} s; build on 2 threads ${buildSeconds.toFixed(1)} s ` +
    `(process CPU ${cpuSeconds.toFixed(0)} s, ${((cpuSeconds / pairs) * 1e9).toFixed(1)} ns per pair); ` +
    `${((100 * built.scoredPairs) / pairs).toFixed(2)} % of pairs scored in full; optimal ${assignSeconds.toFixed(1)} s, ` +
    `${assigned.matchedCount} matched, mentees at pruning risk ${assigned.menteesAtPruningRisk}`,
);

if (process.env.CERTIFY === '1') {
  started = performance.now();
  const source = createProfilePairSource(profiles, createScoringContext(profiles.textIndex), {
    excluded: new Set(),
  });
  const priced = pricePrunedPairs(built.graph, built.prunedBound, source);
  const seconds = (performance.now() - started) / 1000;
  const deeper = priced.rounds.reduce((sum, round) => sum + round.deepenedLists, 0);
  console.log(
    `pruned pairs priced: ${priced.isCertified ? 'certified optimal for all pairs' : `NOT certified (${priced.stoppedBy}; ${priced.remainingMentees} mentees, ${priced.remainingPairs} improving pairs left)`}; ` +
      `${priced.assignment.matchedCount} matched (pruned graph ${assigned.matchedCount}), weight ${priced.assignment.totalWeight} (pruned ${assigned.totalWeight}); ` +
      `${priced.rounds.length} solves, ${priced.arcsAdded} arcs added, ${priced.scoredPairs} pairs scored, ${deeper} deeper lists; ` +
      `${seconds.toFixed(1)} s in all (first solve included), load ${loadavg()[0]!.toFixed(2)}`,
  );
}

const pool = generateProfileInstance(200, 50_000, 41);
const poolProfiles = prepareProfiles(pool.mentees, pool.mentors);
const index = createSuggestionIndex(poolProfiles, createScoringContext(poolProfiles.textIndex));
suggestMentors(index, 0, 10);
started = performance.now();
for (let mentee = 0; mentee < 200; mentee++) suggestMentors(index, mentee, 10);
console.log(
  `suggestions: ${((performance.now() - started) / 200).toFixed(2)} ms per mentee (top-10 among 50,000, mean of 200)`,
);
