import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StablePreferences } from './assign-stable.ts';
import { assignStable, derivePreferencesFromScores } from './assign-stable.ts';
import { checkAssignmentFeasible } from './assignment.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import type { MatchingInstance } from './instance.ts';
import { matchInstance } from './match-instance.ts';
import { arbitrarySmallGraph } from './test-support.ts';

const stableData = new URL('../../../shared/data/matching/stable/', import.meta.url);
const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(name, stableData), 'utf8')) as unknown;

/** Position of each arc in its mentee's list (Infinity when unacceptable to the mentee). */
function rankForMentees(graph: CandidateGraph, preferences: StablePreferences): Float64Array {
  const rank = new Float64Array(graph.arcMentor.length).fill(Infinity);
  preferences.menteeRanking.forEach((ranking) => ranking.forEach((arc, k) => (rank[arc] = k)));
  return rank;
}

/** Every pair that would rather be together than with their current partners. */
function findBlockingPairs(
  graph: CandidateGraph,
  preferences: StablePreferences,
  menteeArc: Int32Array,
) {
  const menteeRank = rankForMentees(graph, preferences);
  const held: number[][] = Array.from({ length: graph.mentorCount }, () => []);
  menteeArc.forEach((arc) => arc >= 0 && held[graph.arcMentor[arc]!]!.push(arc));
  const blocking: number[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    const current = menteeArc[i]! >= 0 ? menteeRank[menteeArc[i]!]! : Infinity;
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      if (menteeRank[a] === Infinity || preferences.mentorRank[a] === Infinity) continue;
      if (menteeRank[a]! >= current) continue;
      const mentor = graph.arcMentor[a]!;
      const arcs = held[mentor]!;
      const hasRoom = arcs.length < graph.mentorCapacity[mentor]!;
      const worst = Math.max(-1, ...arcs.map((arc) => preferences.mentorRank[arc]!));
      if (graph.mentorCapacity[mentor]! > 0 && (hasRoom || preferences.mentorRank[a]! < worst)) {
        blocking.push(a);
      }
    }
  }
  return blocking;
}

/** All stable matchings by enumeration; tiny graphs only. */
function listStableMatchings(graph: CandidateGraph, preferences: StablePreferences): Int32Array[] {
  const menteeRank = rankForMentees(graph, preferences);
  const load = new Int32Array(graph.mentorCount);
  const current = new Int32Array(graph.menteeCount).fill(-1);
  const stable: Int32Array[] = [];
  const visit = (mentee: number): void => {
    if (mentee === graph.menteeCount) {
      if (findBlockingPairs(graph, preferences, current).length === 0) stable.push(current.slice());
      return;
    }
    visit(mentee + 1);
    for (let a = graph.arcStart[mentee]!; a < graph.arcStart[mentee + 1]!; a++) {
      const mentor = graph.arcMentor[a]!;
      if (menteeRank[a] === Infinity || preferences.mentorRank[a] === Infinity) continue;
      if (load[mentor]! >= graph.mentorCapacity[mentor]!) continue;
      load[mentor]!++;
      current[mentee] = a;
      visit(mentee + 1);
      current[mentee] = -1;
      load[mentor]!--;
    }
  };
  visit(0);
  return stable;
}

/** Scores for mentees, an independent random order for mentors. */
const arbitraryPreferences = fc
  .tuple(
    arbitrarySmallGraph({ mentees: 5, mentors: 3 }),
    fc.array(fc.nat(50), { minLength: 24, maxLength: 24 }),
  )
  .map(([graph, keys]) => {
    const derived = derivePreferencesFromScores(graph);
    const mentorRank = new Float64Array(graph.arcMentor.length);
    const byMentor = new Map<number, number[]>();
    for (let a = 0; a < graph.arcMentor.length; a++) {
      const list = byMentor.get(graph.arcMentor[a]!) ?? [];
      list.push(a);
      byMentor.set(graph.arcMentor[a]!, list);
    }
    for (const arcs of byMentor.values()) {
      arcs.sort((x, y) => keys[x % keys.length]! - keys[y % keys.length]! || x - y);
      arcs.forEach(
        (arc, rank) => (mentorRank[arc] = keys[arc % keys.length]! === 0 ? Infinity : rank),
      );
    }
    return { graph, preferences: { menteeRanking: derived.menteeRanking, mentorRank } };
  });

describe('assignStable', () => {
  it('leaves no blocking pair and respects capacities', () => {
    fc.assert(
      fc.property(arbitraryPreferences, ({ graph, preferences }) => {
        const result = assignStable(graph, preferences);
        expect(checkAssignmentFeasible(graph, result)).toBeNull();
        expect(findBlockingPairs(graph, preferences, result.menteeArc)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is mentee-optimal: no stable matching gives any mentee a better mentor', () => {
    fc.assert(
      fc.property(arbitraryPreferences, ({ graph, preferences }) => {
        const result = assignStable(graph, preferences);
        const menteeRank = rankForMentees(graph, preferences);
        const rankOf = (arc: number) => (arc >= 0 ? menteeRank[arc]! : Infinity);
        for (const other of listStableMatchings(graph, preferences)) {
          for (let i = 0; i < graph.menteeCount; i++) {
            expect(rankOf(result.menteeArc[i]!)).toBeLessThanOrEqual(rankOf(other[i]!));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  type HospitalCase = {
    name: string;
    resident_prefs: Record<string, string[]>;
    hospital_prefs: Record<string, string[]>;
    capacities: Record<string, number>;
    expected_resident_optimal: Record<string, string[]>;
  };
  const hospitals = (readJson('hr_known_solutions.json') as { instances: HospitalCase[] })
    .instances;

  it.each(hospitals.map((example) => [example.name, example] as const))(
    'reproduces the published resident-optimal matching (%s)',
    (_name, example) => {
      const instance: MatchingInstance = {
        mentees: Object.keys(example.resident_prefs).map((id) => ({ id })),
        mentors: Object.entries(example.capacities).map(([id, capacity]) => ({ id, capacity })),
        preferences: { mentees: example.resident_prefs, mentors: example.hospital_prefs },
      };
      const output = matchInstance(instance, { mode: 'stable' });
      for (const [mentor, mentees] of Object.entries(example.expected_resident_optimal)) {
        const got = output.assignments
          .filter((line) => line.mentor === mentor)
          .map((line) => line.mentee);
        expect(got.sort()).toEqual([...mentees].sort());
      }
    },
  );

  type MarriageCase = {
    name: string;
    suitor_prefs?: Record<string, string[]>;
    reviewer_prefs?: Record<string, string[]>;
    suitor_prefs_file?: string;
    reviewer_prefs_file?: string;
    expected_suitor_optimal?: Record<string, string>;
    expected_suitor_optimal_1based?: number[];
  };
  const marriages = (readJson('sm_known_solutions.json') as { instances: MarriageCase[] })
    .instances;

  /** Rosetta lists are `name: a, b, c`; the thesis lists are rows of 1-based ids. */
  function readLists(file: string): Record<string, string[]> {
    const lines = readFileSync(new URL(file, stableData), 'utf8').trim().split('\n');
    if (lines[0]!.includes(':')) {
      return Object.fromEntries(
        lines.map((line) => {
          const [owner, rest] = line.split(':');
          return [owner!.trim(), rest!.split(',').map((name) => name.trim())];
        }),
      );
    }
    return Object.fromEntries(
      lines.map((line, index) => [String(index + 1), line.trim().split(/\s+/)]),
    );
  }

  it.each(marriages.map((example) => [example.name, example] as const))(
    'reproduces the published suitor-optimal stable marriage (%s)',
    (_name, example) => {
      const suitors = example.suitor_prefs ?? readLists(example.suitor_prefs_file!);
      const reviewers = example.reviewer_prefs ?? readLists(example.reviewer_prefs_file!);
      const instance: MatchingInstance = {
        mentees: Object.keys(suitors).map((id) => ({ id })),
        mentors: Object.keys(reviewers).map((id) => ({ id, capacity: 1 })),
        preferences: { mentees: suitors, mentors: reviewers },
      };
      const output = matchInstance(instance, { mode: 'stable' });
      const got = Object.fromEntries(output.assignments.map((line) => [line.mentee, line.mentor]));
      const expected =
        example.expected_suitor_optimal ??
        Object.fromEntries(
          example.expected_suitor_optimal_1based!.map((to, i) => [String(i + 1), String(to)]),
        );
      expect(got).toEqual(expected);
    },
  );

  it('is stable on the 50 × 100 hospitals/residents input of issue 159', () => {
    const data = readJson('hr_matching_issue159.json') as Record<string, Record<string, number[]>>;
    const asText = (lists: Record<string, number[]>) =>
      Object.fromEntries(Object.entries(lists).map(([owner, list]) => [owner, list.map(String)]));
    const residents = asText(data.residents ?? {});
    const hospitalPrefs = asText(data.hospitals ?? {});
    const instance: MatchingInstance = {
      mentees: Object.keys(residents).map((id) => ({ id })),
      mentors: Object.keys(hospitalPrefs).map((id) => ({ id, capacity: 1 })),
      preferences: { mentees: residents, mentors: hospitalPrefs },
    };
    const output = matchInstance(instance, { mode: 'stable' });
    expect(output.matchedCount).toBeGreaterThan(30);
    const partner = new Map(output.assignments.map((line) => [line.mentee, line.mentor]));
    const holder = new Map(output.assignments.map((line) => [line.mentor, line.mentee]));
    for (const [resident, list] of Object.entries(residents)) {
      const current = partner.has(resident) ? list.indexOf(partner.get(resident)!) : list.length;
      for (const hospital of list.slice(0, current)) {
        const ranking = hospitalPrefs[hospital] ?? [];
        if (!ranking.includes(resident)) continue;
        const held = holder.get(hospital);
        const isBlocking = held === undefined || ranking.indexOf(resident) < ranking.indexOf(held);
        expect(isBlocking).toBe(false);
      }
    }
  });
});
