/**
 * `npx tsx bench/price-saved-graph.ts [file | MENTEESxMENTORS] [arcsPerMentee] [maxRounds]`:
 * prices the pairs pruned from a graph saved by `bench/save-profile-graph.ts` (same generated
 * profiles, seed 31), or built here for the given sizes, until the optimum is certified for
 * the unpruned problem, timing each solve and each pricing pass.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { buildCandidateGraphInParallel } from '../src/matching/build-candidate-graph-in-parallel.ts';
import { prepareProfiles } from '../src/matching/prepare-profiles.ts';
import { createProfilePairSource, pricePrunedPairs } from '../src/matching/price-pruned-pairs.ts';
import { createScoringContext } from '../src/matching/score-pair.ts';
import { generateProfileInstance } from './generate-profiles.ts';
import { decodeSavedGraph } from './saved-graph.ts';

const file = process.argv[2] ?? '/tmp/profile-graph-100000-50000.bin';
const arcsPerMentee = Number(process.argv[3] ?? 4);
const maxRounds = Number(process.argv[4] ?? 20);
const sizes = /^(\d+)x(\d+)$/.exec(file);
const instance = sizes
  ? generateProfileInstance(Number(sizes[1]), Number(sizes[2]), 31)
  : undefined;
const { graph, prunedBound } = instance
  ? await buildCandidateGraphInParallel(
      instance.mentees,
      instance.mentors,
      prepareProfiles(instance.mentees, instance.mentors),
      { threads: 2, k: 50, excluded: [] },
    )
  : decodeSavedGraph(readFileSync(file));
const { mentees, mentors } =
  instance ?? generateProfileInstance(graph.menteeCount, graph.mentorCount, 31);
const profiles = prepareProfiles(mentees, mentors);
const context = createScoringContext(profiles.textIndex);
const source = createProfilePairSource(profiles, context, { excluded: new Set() });
const started = performance.now();
let last = started;
const priced = pricePrunedPairs(graph, prunedBound, source, {
  arcsPerMentee,
  maxRounds,
  onSolved: (assignment) => {
    const now = performance.now();
    console.log(
      `solved: ${assignment.matchedCount} matched (${assignment.drivingSide} drove) in ${((now - last) / 1000).toFixed(1)} s, load ${loadavg()[0]!.toFixed(2)}`,
    );
    last = now;
  },
  onRound: (round) => {
    const now = performance.now();
    console.log(
      `round: ${round.matchedCount} matched, weight ${round.totalWeight}; flagged ${round.flaggedMentees}, ` +
        `examined ${round.examinedPairs}, scored ${round.scoredPairs}, bounded ${round.boundedPairs}, ` +
        `deeper lists ${round.deepenedLists} (${round.listedPairs} pairs), ` +
        `improving ${round.improvingPairs}; ${((now - last) / 1000).toFixed(1)} s (pricing), ` +
        `load ${loadavg()[0]!.toFixed(2)}`,
    );
    last = now;
  },
});
console.log(
  `${priced.isCertified ? 'certified' : `not certified (${priced.stoppedBy})`}: ` +
    `${priced.assignment.matchedCount} matched, weight ${priced.assignment.totalWeight}, ` +
    `${priced.rounds.length} rounds, ${priced.arcsAdded} arcs added, ${priced.scoredPairs} pairs scored, ` +
    `remaining ${priced.remainingMentees} mentees / ${priced.remainingPairs} pairs; ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s in all`,
);
