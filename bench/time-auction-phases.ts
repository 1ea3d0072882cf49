/**
 * `npx tsx bench/time-auction-phases.ts [menteeCount] [capacityRatio] [seed] [degree]`: the exact-capacity
 * path of `optimal` on the national benchmark instance, step by step (scaling, auction,
 * rounding, exact phase, certificate), to see where the time goes.
 */
import { buildMenteeDrivenProblem } from '../src/matching/assign-optimal.ts';
import { bidByAuction, roundAuctionPrices } from '../src/matching/price-by-auction.ts';
import { scaleScores } from '../src/matching/scale-scores.ts';
import { solveTransport, verifyTransportOptimality } from '../src/matching/solve-transport.ts';
import { generateSparseGraph } from './generate-instance.ts';

const menteeCount = Number(process.argv[2] ?? 100_000);
const ratio = Number(process.argv[3] ?? 1);
const graph = generateSparseGraph({
  menteeCount,
  mentorCount: menteeCount / 2,
  degree: Number(process.argv[5] ?? 50),
  capacityRatio: ratio,
  seed: Number(process.argv[4] ?? 21),
});
const step = <T>(name: string, work: () => T): T => {
  const started = performance.now();
  const value = work();
  console.log(`${name}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return value;
};
const scaled = step('scale', () => scaleScores(graph, menteeCount));
const costRange = scaled.maxWeight - scaled.minWeight;
const built = step('build', () =>
  buildMenteeDrivenProblem(graph, scaled.weight, scaled.maxWeight, menteeCount * costRange + 1),
);
const auction = step('auction', () => bidByAuction(built.problem));
if (!auction) {
  console.log('the auction gave up (some rows cannot all be matched)');
  process.exit(0);
}
console.log(`  bids ${auction.bids}, full scans ${auction.fullScans}, phases ${auction.phases}`);
const price = step('round', () => roundAuctionPrices(built.problem, auction));
const solution = step('exact phase', () =>
  solveTransport(built.problem, { initialPrice: price, initialColumn: auction.rowColumn }),
);
console.log(`  ${JSON.stringify(solution.stats)}`);
const violation = step('certificate', () => verifyTransportOptimality(built.problem, solution));
let total = 0;
for (let r = 0; r < menteeCount; r++) {
  if (solution.rowArc[r]! >= 0) total += scaled.weight[solution.rowArc[r]!]!;
}
console.log(`violation ${violation}, total weight ${total}`);
