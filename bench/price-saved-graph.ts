/**
 * `npx tsx bench/price-saved-graph.ts [file] [arcsPerMentee] [maxRounds]`: prices the pairs
 * pruned from a graph saved by `bench/save-profile-graph.ts` (same generated profiles, seed
 * 31) until the optimum is certified for the unpruned problem, timing each round.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { prepareProfiles } from '../src/matching/prepare-profiles.ts';
import { createProfilePairSource, pricePrunedPairs } from '../src/matching/price-pruned-pairs.ts';
import { createScoringContext } from '../src/matching/score-pair.ts';
import { generateProfileInstance } from './generate-profiles.ts';
import { decodeSavedGraph } from './saved-graph.ts';

const file = process.argv[2] ?? '/tmp/profile-graph-100000-50000.bin';
const arcsPerMentee = Number(process.argv[3] ?? 4);
const maxRounds = Number(process.argv[4] ?? 20);
const { graph, prunedBound } = decodeSavedGraph(readFileSync(file));
const instance = generateProfileInstance(graph.menteeCount, graph.mentorCount, 31);
const profiles = prepareProfiles(instance.mentees, instance.mentors);
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
