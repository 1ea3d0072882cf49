/**
 * `npx tsx bench/solve-saved-graph.ts [file] [warmStart] [drivingSide]`: times the optimal
 * assignment on a graph saved by `bench/save-profile-graph.ts`, with the auction warm start
 * timed on its own first (did it give up, after how many bids), then the exact phase's stats.
 */
import { readFileSync } from 'node:fs';
import type { DrivingSide } from '../src/matching/assign-optimal.ts';
import { assignOptimal, buildMenteeDrivenProblem } from '../src/matching/assign-optimal.ts';
import { countMaximumMatching } from '../src/matching/count-maximum-matching.ts';
import { bidByAuction } from '../src/matching/price-by-auction.ts';
import { scaleScores } from '../src/matching/scale-scores.ts';
import { decodeSavedGraph } from './saved-graph.ts';

const file = process.argv[2] ?? '/tmp/profile-graph-100000-50000.bin';
const warmStart = (process.argv[3] ?? 'auction') as 'auction' | 'none';
const drivingSide = (process.argv[4] ?? 'auto') as DrivingSide;
const { graph, prunedBound } = decodeSavedGraph(readFileSync(file));
let capacity = 0;
for (const c of graph.mentorCapacity) capacity += c;
console.log(
  `${graph.menteeCount} mentees, ${graph.mentorCount} mentors, ${capacity} places, ${graph.arcMentor.length} arcs`,
);
{
  const started = performance.now();
  const maximum = countMaximumMatching(graph);
  console.log(
    `maximum matching ${maximum} (Hopcroft–Karp ${((performance.now() - started) / 1000).toFixed(2)} s)`,
  );
}
if (process.env.AUCTION_ALONE === '1') {
  const scaled = scaleScores(graph, Math.min(graph.menteeCount, capacity));
  const dummyCost =
    Math.min(graph.menteeCount, capacity) * (scaled.maxWeight - scaled.minWeight) + 1;
  const { problem } = buildMenteeDrivenProblem(graph, scaled.weight, scaled.maxWeight, dummyCost);
  const started = performance.now();
  const auction = bidByAuction(problem);
  console.log(
    `auction alone ${((performance.now() - started) / 1000).toFixed(1)} s: ${auction ? `${auction.bids} bids, ${auction.phases} phases` : 'gave up'}`,
  );
}
const started = performance.now();
const result = assignOptimal(graph, { prunedBound, warmStart, drivingSide });
console.log(
  `optimal ${((performance.now() - started) / 1000).toFixed(1)} s (${warmStart}, ${result.drivingSide}): ` +
    `${result.matchedCount} matched, weight ${result.totalWeight}, at pruning risk ${result.menteesAtPruningRisk}, ` +
    `stats ${JSON.stringify(result.stats)}`,
);
