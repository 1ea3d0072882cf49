/**
 * `npx tsx bench/quick-candidates.ts [mentees] [mentors]`: the candidate search of the
 * profiles benchmark on one thread for a sample of mentees against every mentor, to measure
 * an idea quickly (time per mentee and per pair, share of pairs scored in full).
 */
import { buildScoringTables } from '../src/matching/scoring-tables.ts';
import { createCandidateWorkspace, findCandidateBatch } from '../src/matching/find-candidates.ts';
import { prepareProfiles } from '../src/matching/prepare-profiles.ts';
import { createScoringContext } from '../src/matching/score-pair.ts';
import { generateProfileInstance } from './generate-profiles.ts';

const menteeCount = Number(process.argv[2] ?? 2000);
const mentorCount = Number(process.argv[3] ?? 50_000);
const instance = generateProfileInstance(menteeCount, mentorCount, 31);
const profiles = prepareProfiles(instance.mentees, instance.mentors);
const context = createScoringContext(profiles.textIndex);
let started = performance.now();
const tables = buildScoringTables(profiles, context, new Set());
console.log(`tables ${((performance.now() - started) / 1000).toFixed(2)} s`);
const workspace = createCandidateWorkspace(tables, 50);
started = performance.now();
const cpuStart = process.cpuUsage();
let scored = 0;
let checksum = 0;
let risky = 0;
// In batches, as the graph builders search.
findCandidateBatch(tables, 0, menteeCount, { k: 50 }, workspace, (_, list) => {
  scored += list.scoredPairs;
  checksum += list.scores.reduce((sum, score) => sum + score, 0) + list.mentors[0]!;
  if (list.prunedBound >= list.scores.at(-1)!) risky++;
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const pairs = menteeCount * mentorCount;
console.log(
  `${menteeCount} × ${mentorCount}: ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s, ${((cpuSeconds / pairs) * 1e9).toFixed(2)} ns per pair), ${((seconds / menteeCount) * 1000).toFixed(2)} ms per mentee, ` +
    `${((seconds / pairs) * 1e9).toFixed(2)} ns per pair, ${((100 * scored) / pairs).toFixed(2)} % scored in full, ` +
    `bound ≥ k-th best for ${risky}; checksum ${checksum.toFixed(6)}`,
);
