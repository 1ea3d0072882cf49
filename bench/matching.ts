/**
 * `npm run bench:matching [-- --size smoke|full]`: our assignment modes next to the npm
 * peers a developer would otherwise pick (munkres, hungarian-on3, HiGHS), on the same
 * instances in the same run, then the national-scale figures. Prints ratios, asserts nothing.
 */
import { assignGreedy } from '../src/matching/assign-greedy.ts';
import { assignOptimal } from '../src/matching/assign-optimal.ts';
import { assignStable } from '../src/matching/assign-stable.ts';
import type { CandidateGraph } from '../src/matching/candidate-graph.ts';
import { countArcs } from '../src/matching/candidate-graph.ts';
import { buildCandidateGraphInParallel } from '../src/matching/build-candidate-graph-in-parallel.ts';
import { prepareProfiles } from '../src/matching/prepare-profiles.ts';
import { scaleScores } from '../src/matching/scale-scores.ts';
import { startTypeScriptWorker } from '../src/matching/start-worker.ts';
import { createScoringContext } from '../src/matching/score-pair.ts';
import { createSuggestionIndex, suggestMentors } from '../src/matching/suggest.ts';
import { generateDenseGraph, generateSparseGraph } from './generate-instance.ts';
import { generateProfileInstance } from './generate-profiles.ts';
import type { PeerProblem, PeerResult } from './peer-worker.ts';

type Size = 'smoke' | 'full';

const SIZES = {
  smoke: {
    peerTimeoutSeconds: 30,
    sparse: { size: 600, degree: 20 },
    dense: { size: 200 },
    cohort: { mentees: 1_000, mentors: 500, degree: 20 },
    national: { mentees: 10_000, mentors: 5_000, degree: 50 },
    profiles: { mentees: 2_000, mentors: 1_000, sampledMentees: 2_000 },
    suggestions: { mentors: 5_000 },
  },
  full: {
    peerTimeoutSeconds: 180,
    sparse: { size: 5_000, degree: 20 },
    dense: { size: 3_000 },
    cohort: { mentees: 10_000, mentors: 5_000, degree: 50 },
    national: { mentees: 100_000, mentors: 50_000, degree: 50 },
    // The whole graph is built: every one of the 100,000 mentees against all 50,000 mentors.
    profiles: { mentees: 100_000, mentors: 50_000, sampledMentees: 100_000 },
    suggestions: { mentors: 50_000 },
  },
} as const;

/** HiGHS crashes above about two million pairs; larger problems are not given to it. */
const HIGHS_MAX_PAIRS = 2_000_000;

type Row = {
  problem: string;
  method: string;
  seconds?: number;
  matched?: number;
  objective?: number;
  note?: string;
};

function readSize(argv: readonly string[]): Size {
  const at = argv.indexOf('--size');
  const value = at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--size='))?.slice(7);
  if (value === undefined) return 'full';
  if (value !== 'smoke' && value !== 'full')
    throw new Error(`--size must be smoke or full (got ${value})`);
  return value;
}

/**
 * `--only peers|national|profiles|suggestions` runs one part of the benchmark; `--only dense`
 * runs the dense instance of the peers part alone.
 */
function readOnly(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--only');
  return at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--only='))?.slice(7);
}

function time<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, (performance.now() - started) / 1000];
}

/** Runs a peer in a worker thread so that a slow one can be stopped at the time limit. */
function runPeer(
  peer: PeerProblem['peer'],
  graph: CandidateGraph,
  timeoutSeconds: number,
): Promise<PeerResult | string> {
  const weight = scaleScores(graph, graph.menteeCount).weight;
  const problem: PeerProblem = {
    peer,
    menteeCount: graph.menteeCount,
    mentorCount: graph.mentorCount,
    mentorCapacity: graph.mentorCapacity,
    arcStart: graph.arcStart,
    arcMentor: graph.arcMentor,
    weight,
  };
  return new Promise((resolve) => {
    const worker = startTypeScriptWorker(new URL('./peer-worker.ts', import.meta.url), {
      workerData: problem,
      resourceLimits: { maxOldGenerationSizeMb: 8_000 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(`stopped after ${timeoutSeconds} s`);
    }, timeoutSeconds * 1000);
    worker.on('message', (result: PeerResult) => {
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      resolve(`failed: ${error.message.split('\n')[0]}`);
    });
  });
}

async function compareWithPeers(
  rows: Row[],
  name: string,
  graph: CandidateGraph,
  peers: readonly PeerProblem['peer'][],
  timeoutSeconds: number,
): Promise<void> {
  const [optimal, seconds] = time(() => assignOptimal(graph));
  rows.push({
    problem: name,
    method: 'tandem optimal',
    seconds,
    matched: optimal.matchedCount,
    objective: optimal.totalWeight,
  });
  const [greedy, greedySeconds] = time(() => assignGreedy(graph));
  const greedyWeight = scaleScores(graph, graph.menteeCount);
  let greedyTotal = 0;
  for (const arc of greedy.menteeArc) if (arc >= 0) greedyTotal += greedyWeight.weight[arc]!;
  rows.push({
    problem: name,
    method: 'tandem greedy',
    seconds: greedySeconds,
    matched: greedy.matchedCount,
    objective: greedyTotal,
  });
  for (const peer of peers) {
    if (peer === 'highs' && countArcs(graph) > HIGHS_MAX_PAIRS) {
      rows.push({
        problem: name,
        method: peer,
        note: `not run: more than ${HIGHS_MAX_PAIRS / 1e6}M pairs`,
      });
      continue;
    }
    const result = await runPeer(peer, graph, timeoutSeconds);
    if (typeof result === 'string') rows.push({ problem: name, method: peer, note: result });
    else
      rows.push({
        problem: name,
        method: peer,
        seconds: result.seconds,
        matched: result.matched,
        objective: result.totalWeight,
      });
  }
}

function printTable(rows: readonly Row[]): void {
  const ours = new Map(
    rows.filter((row) => row.method === 'tandem optimal').map((row) => [row.problem, row]),
  );
  const lines = [
    ['problem', 'method', 'time (s)', 'matched', 'objective', 'same optimum', 'time ÷ ours'],
  ];
  for (const row of rows) {
    const reference = ours.get(row.problem);
    const same =
      row.objective === undefined || !reference || row.method === 'tandem optimal'
        ? ''
        : row.matched === reference.matched && row.objective === reference.objective
          ? 'yes'
          : 'no';
    const ratio =
      row.seconds !== undefined && reference?.seconds && row.method !== 'tandem optimal'
        ? `${(row.seconds / reference.seconds).toFixed(1)}×`
        : '';
    lines.push([
      row.problem,
      row.method,
      row.seconds === undefined ? (row.note ?? '') : row.seconds.toFixed(3),
      row.matched === undefined ? '' : String(row.matched),
      row.objective === undefined ? '' : String(row.objective),
      same,
      ratio,
    ]);
  }
  const widths = lines[0]!.map((_, column) =>
    Math.max(...lines.map((line) => line[column]!.length)),
  );
  for (const line of lines)
    console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
}

const megabytes = () => Math.round(process.memoryUsage().rss / 2 ** 20);

async function main(): Promise<void> {
  const size = readSize(process.argv);
  const config = SIZES[size];
  console.log(`Tandem matching benchmark (${size}); Node ${process.version}; times in seconds\n`);

  const only = readOnly(process.argv);
  const runs = (part: string) => only === undefined || only === part;
  if (runs('peers') || only === 'dense') await comparePeers(config, only === 'dense');
  if (runs('national')) measureNational(config);
  if (runs('profiles')) await measureProfiles(config);
  if (runs('suggestions')) measureSuggestions(config);
}

async function comparePeers(config: (typeof SIZES)[Size], denseOnly: boolean): Promise<void> {
  const rows: Row[] = [];
  if (!denseOnly) await compareSparse(rows, config);
  const dense = generateDenseGraph(config.dense.size, 12);
  await compareWithPeers(
    rows,
    `dense ${config.dense.size}²`,
    dense,
    ['munkres', 'hungarian-on3', 'highs'],
    config.peerTimeoutSeconds,
  );
  if (!denseOnly) await compareCohort(rows, config);
  printTable(rows);
}

async function compareSparse(rows: Row[], config: (typeof SIZES)[Size]): Promise<void> {
  const sparse = generateSparseGraph({
    menteeCount: config.sparse.size,
    mentorCount: config.sparse.size,
    degree: config.sparse.degree,
    capacityRatio: 1,
    minCapacity: 1,
    maxCapacity: 1,
    seed: 11,
  });
  await compareWithPeers(
    rows,
    `sparse ${config.sparse.size}² (${countArcs(sparse)} pairs)`,
    sparse,
    ['munkres', 'hungarian-on3', 'highs'],
    config.peerTimeoutSeconds,
  );
}

async function compareCohort(rows: Row[], config: (typeof SIZES)[Size]): Promise<void> {
  const cohort = generateSparseGraph({
    menteeCount: config.cohort.mentees,
    mentorCount: config.cohort.mentors,
    degree: config.cohort.degree,
    capacityRatio: 1,
    seed: 13,
  });
  await compareWithPeers(
    rows,
    `cohort ${config.cohort.mentees}×${config.cohort.mentors} top-${config.cohort.degree}`,
    cohort,
    ['highs'],
    config.peerTimeoutSeconds,
  );
}

function measureNational(config: (typeof SIZES)[Size]): void {
  console.log(
    `\nNational scale: ${config.national.mentees} mentees × ${config.national.mentors} mentors, capacities 1–3, top-${config.national.degree}`,
  );
  const national: string[][] = [
    [
      'capacity',
      'optimal (s)',
      'RSS (MB)',
      'stable (s)',
      'greedy (s)',
      'matched opt/stable/greedy',
      'optimal − greedy',
      'proven',
    ],
  ];
  for (const ratio of [0.8, 1, 1.5]) {
    const graph = generateSparseGraph({
      menteeCount: config.national.mentees,
      mentorCount: config.national.mentors,
      degree: config.national.degree,
      capacityRatio: ratio,
      seed: 21,
    });
    const [optimal, optimalSeconds] = time(() => assignOptimal(graph));
    const rss = megabytes();
    const [stable, stableSeconds] = time(() => assignStable(graph));
    const [greedy, greedySeconds] = time(() => assignGreedy(graph));
    national.push([
      `${ratio}× demand`,
      optimalSeconds.toFixed(2),
      String(rss),
      stableSeconds.toFixed(2),
      greedySeconds.toFixed(2),
      `${optimal.matchedCount}/${stable.matchedCount}/${greedy.matchedCount}`,
      `+${optimal.matchedCount - greedy.matchedCount}`,
      `${optimal.isProvenOptimal} (${optimal.drivingSide} drive)`,
    ]);
  }
  const widths = national[0]!.map((_, column) =>
    Math.max(...national.map((line) => line[column]!.length)),
  );
  for (const line of national)
    console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
}

async function measureProfiles(config: (typeof SIZES)[Size]): Promise<void> {
  const { mentees: profileMentees, mentors: profileMentors, sampledMentees } = config.profiles;
  console.log(
    `\nCandidate graph from full profiles: ${profileMentees} × ${profileMentors}, top-50` +
      (sampledMentees < profileMentees
        ? ` (${sampledMentees} mentees sampled, time extrapolated)`
        : ''),
  );
  const instance = generateProfileInstance(profileMentees, profileMentors, 31);
  const sample = instance.mentees.slice(0, sampledMentees);
  const [profiles, prepareSeconds] = time(() => prepareProfiles(sample, instance.mentors));
  const threads = 2;
  const started = performance.now();
  const built = await buildCandidateGraphInParallel(sample, instance.mentors, profiles, {
    threads,
    k: 50,
    excluded: [],
  });
  const buildSeconds = (performance.now() - started) / 1000;
  const sampledPairs = sampledMentees * profileMentors;
  const [assigned, assignSeconds] = time(() =>
    assignOptimal(built.graph, { prunedBound: built.prunedBound }),
  );
  const extrapolated =
    sampledMentees < profileMentees
      ? ` (${((buildSeconds / sampledMentees) * profileMentees).toFixed(0)} s for all ${profileMentees})`
      : '';
  console.log(
    `prepare ${prepareSeconds.toFixed(1)} s; build on ${threads} threads ${buildSeconds.toFixed(1)} s${extrapolated}; ` +
      `pairs scored exactly (text cosine included) ${((100 * built.scoredPairs) / sampledPairs).toFixed(2)}%, ` +
      `the others bounded from their structured criteria; ` +
      `optimal ${assignSeconds.toFixed(2)} s, ${assigned.matchedCount} matched; ` +
      `mentees whose optimality pruning could have cost: ${assigned.menteesAtPruningRisk}`,
  );
}

function measureSuggestions(config: (typeof SIZES)[Size]): void {
  console.log(
    `\nSuggestions: top-10 with explanations among ${config.suggestions.mentors} mentors`,
  );
  const pool = generateProfileInstance(200, config.suggestions.mentors, 41);
  const poolProfiles = prepareProfiles(pool.mentees, pool.mentors);
  const index = createSuggestionIndex(poolProfiles, createScoringContext(poolProfiles.textIndex));
  suggestMentors(index, 0, 10);
  const [, suggestSeconds] = time(() => {
    for (let mentee = 0; mentee < 200; mentee++) suggestMentors(index, mentee, 10);
  });
  console.log(`${((suggestSeconds / 200) * 1000).toFixed(2)} ms per mentee (mean of 200)`);
}

await main();
