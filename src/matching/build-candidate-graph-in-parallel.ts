import type { CandidateSlice, ScoredCandidateGraph } from './build-candidate-graph.ts';
import { joinCandidateSlices } from './build-candidate-graph.ts';
import type { MenteeProfile, MentorProfile } from './instance.ts';
import type { PreparedProfiles } from './prepare-profiles.ts';
import type { ScoringWeights } from './score-pair.ts';
import { startTypeScriptWorker } from './start-worker.ts';

/** What one candidate worker receives. */
export type CandidateWorkerInput = {
  mentees: readonly MenteeProfile[];
  mentors: readonly MentorProfile[];
  weights?: Partial<ScoringWeights>;
  k: number;
  minScore?: number;
  excluded: string[];
  start: number;
  end: number;
};

export type ParallelBuildOptions = Omit<
  CandidateWorkerInput,
  'start' | 'end' | 'mentees' | 'mentors'
> & {
  threads: number;
  onProgress?: (done: number, total: number) => void;
};

/**
 * Builds the top-k candidate graph on several worker threads, each taking a contiguous range
 * of mentees. The result is identical to the single-thread build: scoring is deterministic
 * and the slices are joined in mentee order.
 */
export async function buildCandidateGraphInParallel(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  profiles: PreparedProfiles,
  options: ParallelBuildOptions,
): Promise<ScoredCandidateGraph> {
  const { threads, onProgress, ...shared } = options;
  const count = mentees.length;
  const chunk = Math.ceil(count / Math.max(1, threads));
  const progress = new Array<number>(threads).fill(0);
  const jobs: Promise<CandidateSlice>[] = [];
  for (let t = 0; t < threads && t * chunk < count; t++) {
    const input: CandidateWorkerInput = {
      ...shared,
      mentees,
      mentors,
      start: t * chunk,
      end: Math.min(count, (t + 1) * chunk),
    };
    jobs.push(
      new Promise<CandidateSlice>((resolve, reject) => {
        const worker = startTypeScriptWorker(new URL('./candidate-worker.ts', import.meta.url), {
          workerData: input,
        });
        worker.on('message', (message: { progress?: number; slice?: CandidateSlice }) => {
          if (message.slice) {
            resolve(message.slice);
            void worker.terminate();
          } else if (message.progress !== undefined) {
            progress[t] = message.progress;
            onProgress?.(
              progress.reduce((sum, done) => sum + done, 0),
              count,
            );
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`candidate worker stopped with code ${code}`));
        });
      }),
    );
  }
  return joinCandidateSlices(profiles, await Promise.all(jobs));
}
