import { z } from 'zod';
import { markActionLinkUsed } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { PAIRING_FIT_ANSWERS, type PairingFitAnswer } from '../../domain/tandem-lifecycle.ts';
import { boundedText } from '../../domain/text.ts';
import type { RequestOrigin } from '../context.ts';
import type { ActionLinkPurpose } from './action-links.ts';
import { answerCheckIn } from '../follow-up/answer-check-in.ts';
import { answerPairingFit } from './answer-pairing-fit.ts';
import { logMeeting } from './log-meeting.ts';
import { resolveActionLink } from './open-action-link.ts';
import { respondToProposal } from './respond-to-proposal.ts';
import type { LinkingContext } from './tandem-emails.ts';

/** Plain reasons offered on the decline page; "other" asks for a few words. */
export const DECLINE_REASONS = {
  unavailable: 'Je ne suis pas disponible en ce moment',
  profile_mismatch: 'Le profil ne correspond pas à ce que je cherche',
  distance: 'Nous sommes trop loin l’un de l’autre',
  other: 'Autre raison',
} as const;

const optionalText = (max: number) =>
  z.preprocess((value) => (value === '' ? undefined : value), boundedText(max).optional());

/** What each kind of link's form sends (an HTML form: every value is a string). */
export const ACTION_LINK_FORMS = {
  proposal_accept: z.object({}),
  proposal_decline: z.object({
    reason: z.enum(Object.keys(DECLINE_REASONS) as [keyof typeof DECLINE_REASONS]),
    comment: optionalText(1000),
  }),
  meeting_log: z.object({
    date: z.iso.date(),
    durationMinutes: z.coerce.number().int().min(5).max(600),
    mode: z.enum(['in_person', 'remote']),
    topics: optionalText(500),
    privateNote: optionalText(4000),
  }),
  check_in_answer: z.object({
    answer: z.enum(Object.keys(PAIRING_FIT_ANSWERS) as [PairingFitAnswer]),
    comment: optionalText(1000),
  }),
  check_in_survey: z.object({
    satisfaction: z.coerce.number().int().min(1).max(5),
    onTrack: z.enum(['yes', 'no']),
    comment: optionalText(1000),
  }),
} as const satisfies Record<ActionLinkPurpose, z.ZodType>;

export type UseActionLinkOptions = {
  token: string;
  /** The submitted form, as strings. */
  form: Record<string, unknown>;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
};

/** What was done, for the page that confirms it. */
export type ActionLinkResult = {
  purpose: ActionLinkPurpose;
  tandemId: string;
  /** For an acceptance: whether the other side has accepted too. */
  isTandemAccepted?: boolean;
};

/**
 * Performs a link's one action (POST from its confirmation page) as the person it was sent
 * to. The link is recorded as used in the same transaction as the action: a replay, an
 * expired or a tampered link is refused and changes nothing, and a link whose action fails
 * stays usable. The action is the same service the app calls, with the same rules.
 */
export async function useActionLink(
  context: LinkingContext,
  options: UseActionLinkOptions,
): Promise<ActionLinkResult> {
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const resolved = await resolveActionLink(tx, context, options.token);
    const { link, tandem } = resolved;
    const parsed = ACTION_LINK_FORMS[link.purpose].safeParse(options.form);
    if (!parsed.success) {
      throw new AppError('validation_failed', undefined, {
        fields: parsed.error.issues.map((issue) => ({
          field: `body/${issue.path.join('.')}`,
          message: issue.message,
        })),
      });
    }
    if (!(await markActionLinkUsed(tx, { ...link, usedAt: now }))) {
      throw new AppError('action_link_used');
    }
    const origin: RequestOrigin = {
      actor: resolved.actor,
      ipAddress: options.ipAddress,
      userAgent: options.userAgent,
    };
    // The action runs in a savepoint of this transaction, so using the link and acting
    // commit together.
    const inner: LinkingContext = { ...context, db: tx };
    const form = parsed.data as Record<string, string | number | undefined>;
    switch (link.purpose) {
      case 'proposal_accept': {
        const accepted = await respondToProposal(inner, {
          tandemId: tandem.id,
          decision: 'accepted',
          origin,
        });
        return {
          purpose: link.purpose,
          tandemId: tandem.id,
          isTandemAccepted: accepted.status === 'accepted',
        };
      }
      case 'proposal_decline': {
        const reason = form.reason as keyof typeof DECLINE_REASONS;
        await respondToProposal(inner, {
          tandemId: tandem.id,
          decision: 'declined',
          reason: [DECLINE_REASONS[reason], form.comment].filter(Boolean).join(' — '),
          origin,
        });
        return { purpose: link.purpose, tandemId: tandem.id };
      }
      case 'meeting_log': {
        await logMeeting(inner, {
          tandemId: tandem.id,
          // A date without a time: noon in Paris, so that the day never shifts.
          occursAt: new Date(`${form.date as string}T12:00:00+01:00`),
          durationMinutes: form.durationMinutes as number,
          mode: form.mode as 'in_person' | 'remote',
          topics: String(form.topics ?? '')
            .split(/[,;\n]/)
            .map((topic) => topic.trim())
            .filter(Boolean)
            .slice(0, 10),
          privateNote: (form.privateNote as string | undefined) ?? null,
          origin,
        });
        return { purpose: link.purpose, tandemId: tandem.id };
      }
      case 'check_in_answer': {
        await answerPairingFit(inner, {
          checkInId: link.subjectId,
          answer: form.answer as PairingFitAnswer,
          comment: (form.comment as string | undefined) ?? null,
          origin,
        });
        return { purpose: link.purpose, tandemId: tandem.id };
      }
      case 'check_in_survey': {
        await answerCheckIn(inner, {
          checkInId: link.subjectId,
          satisfaction: form.satisfaction as number,
          isOnTrack: form.onTrack === 'yes',
          comment: (form.comment as string | undefined) ?? null,
          origin,
        });
        return { purpose: link.purpose, tandemId: tandem.id };
      }
    }
  });
}
