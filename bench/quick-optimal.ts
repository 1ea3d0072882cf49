/**
 * `npx tsx bench/quick-optimal.ts sparse|dense <size> [capacityRatio] [side] [auction|none]`:
 * one `optimal` run on a benchmark instance, for quick measurements while tuning.
 */
import { assignGreedy } from '../src/matching/assign-greedy.ts';
import { assignOptimal } from '../src/matching/assign-optimal.ts';
import type { DrivingSide } from '../src/matching/assign-optimal.ts';
import { generateDenseGraph, generateSparseGraph } from './generate-instance.ts';

const [kind, size, ratio, side, warmStart] = process.argv.slice(2);
const graph =
  kind === 'dense'
    ? generateDenseGraph(Number(size), 12)
    : generateSparseGraph({
        menteeCount: Number(size),
        mentorCount: Number(size) / 2,
        degree: 50,
        capacityRatio: Number(ratio ?? 1),
        seed: 21,
      });
const started = performance.now();
const result = assignOptimal(graph, {
  drivingSide: (side ?? 'auto') as DrivingSide,
  warmStart: warmStart === 'none' ? 'none' : 'auction',
});
const seconds = (performance.now() - started) / 1000;
console.log(
  `${kind} ${size} ×${ratio ?? 1} ${result.drivingSide} drive: ${seconds.toFixed(2)} s, ` +
    `RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB, matched ${result.matchedCount} ` +
    `(greedy ${assignGreedy(graph).matchedCount}), weight ${result.totalWeight}, ` +
    `proven ${result.isProvenOptimal}, ${JSON.stringify(result.stats)}`,
);
