import { findHubSettings } from '../../db/repositories/hub-repository.ts';
import { insertProgram, type ProgramRow } from '../../db/repositories/programs-repository.ts';
import type { MatchingWeights } from '../../domain/matching-weights.ts';
import type { Track } from '../../domain/people.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import {
  PROGRAM_MANAGERS,
  requireCheckInSchedule,
  rethrowProgramWriteError,
} from './program-rules.ts';

export type CreateProgramOptions = {
  name: string;
  description?: string | null | undefined;
  /** A programme run with one partner; its referrers (and staff) see it, others do not. */
  partnerId?: string | null | undefined;
  /** The tracks it accepts; empty means every track. */
  tracks?: Track[] | undefined;
  durationMonths?: number | undefined;
  /** Defaults to the hub's schedule. */
  checkInMonths?: number[] | undefined;
  /** Defaults to the hub's deadline. */
  proposalDeadlineDays?: number | undefined;
  restrictToDedicatedMentors?: boolean | undefined;
  /** Null or omitted: the matching engine's default weights. */
  matchingWeights?: MatchingWeights | null | undefined;
  /** Pairs scoring below this (0..1) are never proposed; null: no threshold. */
  minimumScore?: number | null | undefined;
  origin: RequestOrigin;
};

/**
 * Creates a programme (staff only). What is left out follows the hub's settings (check-in
 * schedule, proposal deadline) or the schema's defaults (six months, every track).
 */
export async function createProgram(
  context: ServiceContext,
  options: CreateProgramOptions,
): Promise<ProgramRow> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  requireCheckInSchedule(options.checkInMonths);
  const now = context.clock.now();
  return context.db
    .transaction(async (tx) => {
      const hub = await findHubSettings(tx);
      const program = await insertProgram(tx, {
        name: options.name.trim(),
        description: options.description ?? null,
        partnerId: options.partnerId ?? null,
        tracks: options.tracks ?? [],
        durationMonths: options.durationMonths ?? 6,
        checkInMonths: options.checkInMonths ?? hub?.checkInMonths ?? [1, 3, 6],
        proposalDeadlineDays: options.proposalDeadlineDays ?? hub?.proposalDeadlineDays ?? 7,
        restrictToDedicatedMentors: options.restrictToDedicatedMentors ?? false,
        matchingWeights: options.matchingWeights ?? null,
        minimumScore: options.minimumScore ?? null,
        createdAt: now,
      });
      await recordAudit(tx, options.origin, now, {
        action: 'program.create',
        subjectType: 'program',
        subjectId: program.id,
        details: { name: program.name, partnerId: program.partnerId },
      });
      return program;
    })
    .catch(rethrowProgramWriteError);
}
