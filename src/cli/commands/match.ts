import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { MATCHING_MODES, type MatchingMode } from '../../domain/tandems.ts';
import { buildCandidateGraphInParallel } from '../../matching/build-candidate-graph-in-parallel.ts';
import type { MatchingInstance } from '../../matching/instance.ts';
import {
  isProfileInstance,
  listExcludedPairs,
  matchInstance,
  type MatchInstanceOptions,
} from '../../matching/match-instance.ts';
import { prepareProfiles } from '../../matching/prepare-profiles.ts';
import { InstanceError, readInstance } from '../../matching/read-instance.ts';
import { CliError } from '../context.ts';

type MatchCommandOptions = {
  in: string;
  mode: string;
  out?: string;
  topK: string;
  minScore?: string;
  fairnessBonus?: string;
  fairnessMax: string;
  topScoreCap?: string;
  threads?: string;
  explain: boolean;
  certify?: boolean;
};

/** Above this many mentees a progress bar is worth showing (on stderr, only on a terminal). */
const PROGRESS_THRESHOLD = 5_000;

/**
 * `tandem match --in instance.json --mode optimal|stable|greedy [--out FILE]`: reads an
 * instance in the format of DESIGN.md, assigns, and writes the result as JSON (stdout unless
 * `--out`). A malformed instance fails with the field and the line.
 */
export function registerMatchCommand(program: Command): void {
  program
    .command('match')
    .description('assign a whole cohort from an instance file (optimal, stable or greedy)')
    .requiredOption('--in <file>', 'instance JSON (mentors, mentees, pairs or profiles…)')
    .option('--mode <mode>', `one of ${MATCHING_MODES.join(', ')}`, 'optimal')
    .option('--out <file>', 'write the result there instead of stdout')
    .option('--top-k <k>', 'candidates kept per mentee when scoring profiles', '50')
    .option('--min-score <score>', 'pairs scoring below this are never proposed')
    .option('--fairness-bonus <perMonth>', 'score bonus per month a mentee has waited')
    .option('--fairness-max <max>', 'largest fairness bonus', '0.1')
    .option(
      '--top-score-cap <threshold:perMentor>',
      'at most perMentor mentees scoring ≥ threshold per mentor',
    )
    .option('--threads <n>', 'worker threads to score profiles (default: all cores)')
    .option('--no-explain', 'leave explanations out of the result')
    .option(
      '--certify',
      'optimal mode on profiles: price the pairs pruned from the top-k lists until the result is proven optimal for all pairs',
    )
    .action(async (options: MatchCommandOptions) => {
      const mode = parseMode(options.mode);
      const text = await readInstanceText(options.in);
      let instance: MatchingInstance;
      try {
        instance = readInstance(text);
      } catch (error) {
        if (error instanceof InstanceError) throw new CliError(`${options.in}: ${error.message}`);
        throw error;
      }
      const output = await runMatch(instance, mode, options);
      const json = JSON.stringify(output, null, 2);
      if (options.out) {
        await writeFile(options.out, `${json}\n`);
        console.error(
          `tandem: ${output.matchedCount} matched, ${output.unmatched.length} unmatched, total score ${output.totalScore.toFixed(4)} → ${options.out}`,
        );
      } else {
        console.log(json);
      }
    });
}

async function runMatch(
  instance: MatchingInstance,
  mode: MatchingMode,
  options: MatchCommandOptions,
) {
  const showProgress = process.stderr.isTTY && instance.mentees.length >= PROGRESS_THRESHOLD;
  const bar = showProgress
    ? new SingleBar(
        { format: '{phase} [{bar}] {percentage}% | {value}/{total}', stream: process.stderr },
        Presets.shades_classic,
      )
    : undefined;
  const matchOptions: MatchInstanceOptions = {
    mode,
    scoring: {
      k: parsePositiveInteger('--top-k', options.topK),
      minScore:
        options.minScore === undefined ? undefined : parseNumber('--min-score', options.minScore),
      explain: options.explain,
      priceOutPruned: options.certify === true,
    },
    fairnessBonus:
      options.fairnessBonus === undefined
        ? undefined
        : {
            bonusPerMonth: parseNumber('--fairness-bonus', options.fairnessBonus),
            maxBonus: parseNumber('--fairness-max', options.fairnessMax),
          },
    topScoreCap: options.topScoreCap === undefined ? undefined : parseCap(options.topScoreCap),
    onProgress: bar
      ? (settled, total) => {
          if (!bar.isActive) bar.start(total, settled, { phase: 'assigning' });
          bar.update(settled, { phase: 'assigning' });
        }
      : undefined,
  };
  try {
    if (isProfileInstance(instance) && instance.mentees.length >= PROGRESS_THRESHOLD) {
      const threads = options.threads
        ? parsePositiveInteger('--threads', options.threads)
        : availableParallelism();
      bar?.start(instance.mentees.length, 0, { phase: 'scoring' });
      matchOptions.candidateGraph = await buildCandidateGraphInParallel(
        instance.mentees,
        instance.mentors,
        prepareProfiles(instance.mentees, instance.mentors),
        {
          threads,
          // The same weights as the rest of the matching (scores, explanations).
          weights: matchOptions.scoring!.weights,
          k: matchOptions.scoring!.k!,
          minScore: matchOptions.scoring!.minScore,
          excluded: [...listExcludedPairs(instance)],
          onProgress: (done) => bar?.update(done, { phase: 'scoring' }),
        },
      );
      bar?.stop();
    }
    return matchInstance(instance, matchOptions);
  } finally {
    bar?.stop();
  }
}

async function readInstanceText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

function parseMode(value: string): MatchingMode {
  if (!(MATCHING_MODES as readonly string[]).includes(value)) {
    throw new CliError(`--mode must be one of ${MATCHING_MODES.join(', ')} (got "${value}")`);
  }
  return value as MatchingMode;
}

function parseNumber(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number)) throw new CliError(`${flag} must be a number (got "${value}")`);
  return number;
}

function parsePositiveInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new CliError(`${flag} must be a positive integer (got "${value}")`);
  }
  return number;
}

function parseCap(value: string): { threshold: number; perMentor: number } {
  const [threshold, perMentor] = value.split(':');
  if (threshold === undefined || perMentor === undefined) {
    throw new CliError(`--top-score-cap must look like 0.8:1 (got "${value}")`);
  }
  return {
    threshold: parseNumber('--top-score-cap', threshold),
    perMentor: parsePositiveInteger('--top-score-cap', perMentor),
  };
}
