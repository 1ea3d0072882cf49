import type { CandidateGraph } from '../src/matching/candidate-graph.ts';

/** A small, fast, seeded generator (mulberry32) so every run sees the same instances. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SparseInstanceOptions = {
  menteeCount: number;
  mentorCount: number;
  /** Candidates per mentee. */
  degree: number;
  /** Total mentor capacity divided by the number of mentees. */
  capacityRatio: number;
  minCapacity?: number;
  maxCapacity?: number;
  seed: number;
};

/**
 * A random top-k candidate graph: each mentee gets `degree` distinct mentors, and scores mix
 * a mentor-wide attractiveness with a pair-specific part (rounded to 10^-6), so popular
 * mentors are contested as in real cohorts.
 */
export function generateSparseGraph(options: SparseInstanceOptions): CandidateGraph {
  const random = createRandom(options.seed);
  const { menteeCount, mentorCount, degree } = options;
  const attractiveness = new Float64Array(mentorCount);
  for (let j = 0; j < mentorCount; j++) attractiveness[j] = random();
  const arcStart = new Int32Array(menteeCount + 1);
  const arcMentor = new Int32Array(menteeCount * degree);
  const arcScore = new Float64Array(menteeCount * degree);
  const seenBy = new Int32Array(mentorCount).fill(-1);
  let arc = 0;
  for (let i = 0; i < menteeCount; i++) {
    const count = Math.min(degree, mentorCount);
    for (let k = 0; k < count; k++) {
      let mentor = Math.floor(random() * mentorCount);
      while (seenBy[mentor] === i) mentor = Math.floor(random() * mentorCount);
      seenBy[mentor] = i;
      arcMentor[arc] = mentor;
      arcScore[arc] = Math.round((0.4 * attractiveness[mentor]! + 0.6 * random()) * 1e6) / 1e6;
      arc++;
    }
    arcStart[i + 1] = arc;
  }
  return {
    menteeCount,
    mentorCount,
    mentorCapacity: generateCapacities(options, random),
    arcStart,
    arcMentor: arcMentor.subarray(0, arc),
    arcScore: arcScore.subarray(0, arc),
  };
}

function generateCapacities(options: SparseInstanceOptions, random: () => number): Int32Array {
  const min = options.minCapacity ?? 1;
  const max = options.maxCapacity ?? 3;
  const capacity = new Int32Array(options.mentorCount);
  let total = 0;
  for (let j = 0; j < capacity.length; j++) {
    capacity[j] = min + Math.floor(random() * (max - min + 1));
    total += capacity[j]!;
  }
  const target = Math.round(options.capacityRatio * options.menteeCount);
  const reachable = Math.min(Math.max(target, min * capacity.length), max * capacity.length);
  while (total !== reachable) {
    const j = Math.floor(random() * capacity.length);
    if (total < reachable && capacity[j]! < max) {
      capacity[j]!++;
      total++;
    } else if (total > reachable && capacity[j]! > min) {
      capacity[j]!--;
      total--;
    }
  }
  return capacity;
}

/** A dense n × n problem with integer scores in [1, 100], like the OR-Library ones. */
export function generateDenseGraph(size: number, seed: number): CandidateGraph {
  const random = createRandom(seed);
  const arcStart = new Int32Array(size + 1);
  const arcMentor = new Int32Array(size * size);
  const arcScore = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      arcMentor[i * size + j] = j;
      arcScore[i * size + j] = 1 + Math.floor(random() * 100);
    }
    arcStart[i + 1] = (i + 1) * size;
  }
  return {
    menteeCount: size,
    mentorCount: size,
    mentorCapacity: new Int32Array(size).fill(1),
    arcStart,
    arcMentor,
    arcScore,
  };
}
