import { z } from 'zod';
import {
  defineEmailTemplate,
  type EmailLocale,
  type EmailTemplate,
  type EmailTemplateDefinition,
} from './define-email-template.ts';
import { END_REASONS } from '../../../domain/tandems.ts';
import { visibleProfileSchema } from '../../../domain/visible-profile.ts';

/**
 * The e-mails of matching and the tandem lifecycle, each with its parameter schema and its
 * words in French and English. Services queue them with `queueEmailTo`, which always adds
 * `firstName`.
 */

type Locale = EmailLocale;

/** Declares each template with its own parameter type checked against its words. */
const define = <Params>(definition: EmailTemplateDefinition<Params>) =>
  defineEmailTemplate(definition);

const hello = (locale: Locale, firstName: string | null | undefined) => {
  const name = firstName?.trim();
  if (locale === 'en') return name ? `Hello ${name},` : 'Hello,';
  return name ? `Bonjour ${name},` : 'Bonjour,';
};

const longDate = (locale: Locale, iso: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'full',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

const firstName = z.string().nullable().optional();

const proposalParams = z.object({
  firstName,
  programName: z.string(),
  other: visibleProfileSchema,
  reasons: z.array(z.string()),
  replyDeadline: z.iso.datetime(),
  acceptLink: z.url(),
  declineLink: z.url(),
  tandemId: z.uuid(),
});
type ProposalParams = z.infer<typeof proposalParams>;

function describeOther(locale: Locale, other: ProposalParams['other']): string[] {
  const lines = [`${other.firstName} — ${other.headline}`];
  if (other.commune) lines.push(other.commune);
  if (other.topics.length > 0) {
    lines.push(`${locale === 'en' ? 'Topics' : 'Sujets'} : ${other.topics.join(', ')}`);
  }
  if (other.about) lines.push(other.about);
  return lines;
}

function proposal(side: 'mentee' | 'mentor', isReminder: boolean) {
  const otherRole = {
    fr: side === 'mentee' ? 'un·e mentor' : 'un·e mentoré·e',
    en: side === 'mentee' ? 'a mentor' : 'a mentee',
  };
  return define({
    name: `${isReminder ? 'tandem_proposal_reminder' : 'tandem_proposal'}_to_${side}`,
    params: proposalParams,
    write: {
      fr: (params, { hubName }) => ({
        subject: isReminder
          ? `Rappel : votre réponse est attendue pour le tandem avec ${params.other.firstName}`
          : `${hubName} vous propose un tandem avec ${params.other.firstName}`,
        greeting: hello('fr', params.firstName),
        paragraphs: [
          isReminder
            ? `Vous n’avez pas encore répondu à notre proposition de tandem avec ${otherRole.fr}${params.programName ? ` (${params.programName})` : ''}.`
            : `Nous vous proposons de faire équipe avec ${otherRole.fr}${params.programName ? ` dans le programme ${params.programName}` : ''} :`,
          ...describeOther('fr', params.other),
          ...(params.reasons.length > 0
            ? [`Pourquoi ce binôme : ${params.reasons.join(' ; ')}.`]
            : []),
          `Merci de répondre avant le ${longDate('fr', params.replyDeadline)}.`,
        ],
        action: { label: 'J’accepte', url: params.acceptLink },
        afterAction: [
          `Vous ne souhaitez pas ce binôme ? Dites-le-nous ici : ${params.declineLink}`,
          'Le tandem commence quand vous avez accepté tous les deux.',
        ],
      }),
      en: (params, { hubName }) => ({
        subject: isReminder
          ? `Reminder: please answer the tandem proposal with ${params.other.firstName}`
          : `${hubName} proposes a tandem with ${params.other.firstName}`,
        greeting: hello('en', params.firstName),
        paragraphs: [
          isReminder
            ? `You have not answered our tandem proposal with ${otherRole.en} yet${params.programName ? ` (${params.programName})` : ''}.`
            : `We propose that you team up with ${otherRole.en}${params.programName ? ` in the ${params.programName} programme` : ''}:`,
          ...describeOther('en', params.other),
          ...(params.reasons.length > 0
            ? [`Why this pair (in French): ${params.reasons.join('; ')}.`]
            : []),
          `Please answer before ${longDate('en', params.replyDeadline)}.`,
        ],
        action: { label: 'I accept', url: params.acceptLink },
        afterAction: [
          `Not the right match? Tell us here: ${params.declineLink}`,
          'The tandem starts once you have both accepted.',
        ],
      }),
    },
  });
}

const tandemParams = z.object({ firstName, tandemId: z.uuid() });

const proposalDeclined = define({
  name: 'tandem_proposal_declined',
  params: tandemParams.extend({ otherFirstName: z.string() }),
  write: {
    fr: (params) => ({
      subject: 'La proposition de tandem n’aura pas lieu',
      greeting: hello('fr', params.firstName),
      paragraphs: [
        `${params.otherFirstName} n’est pas disponible pour ce tandem. Ce n’est pas un jugement sur vous : les disponibilités de chacun changent.`,
        'Nous vous proposerons bientôt un autre binôme.',
      ],
    }),
    en: (params) => ({
      subject: 'The tandem proposal will not go ahead',
      greeting: hello('en', params.firstName),
      paragraphs: [
        `${params.otherFirstName} is not available for this tandem. It says nothing about you: everyone’s availability changes.`,
        'We will propose another match soon.',
      ],
    }),
  },
});

const staffParams = tandemParams.extend({
  menteeName: z.string(),
  mentorName: z.string(),
  rematchRoundId: z.uuid(),
});

const proposalDeclinedStaff = define({
  name: 'tandem_proposal_declined_staff',
  params: staffParams.extend({ declinedBy: z.enum(['mentor', 'mentee']), reason: z.string() }),
  write: {
    fr: (params, { publicUrl }) => ({
      subject: `Proposition refusée : ${params.menteeName} – ${params.mentorName}`,
      greeting: hello('fr', params.firstName),
      paragraphs: [
        `${params.declinedBy === 'mentor' ? `Le mentor ${params.mentorName}` : `${params.menteeName} (mentoré·e)`} a refusé la proposition de tandem.`,
        `Raison donnée : ${params.reason}`,
        'Ce binôme ne sera plus proposé. La meilleure autre suggestion du moteur attend votre relecture avant publication.',
      ],
      action: { label: 'Ouvrir Tandem', url: publicUrl },
    }),
    en: (params, { publicUrl }) => ({
      subject: `Proposal declined: ${params.menteeName} – ${params.mentorName}`,
      greeting: hello('en', params.firstName),
      paragraphs: [
        `${params.declinedBy === 'mentor' ? `The mentor ${params.mentorName}` : `${params.menteeName} (mentee)`} declined the tandem proposal.`,
        `Reason given: ${params.reason}`,
        'This pair will not be proposed again. The engine’s next-best suggestion awaits your review before publication.',
      ],
      action: { label: 'Open Tandem', url: publicUrl },
    }),
  },
});

const tandemAccepted = define({
  name: 'tandem_accepted',
  params: tandemParams.extend({
    other: z.object({
      firstName: z.string(),
      lastName: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    meetingLink: z.url(),
  }),
  write: {
    fr: (params) => ({
      subject: `C’est parti : votre tandem avec ${params.other.firstName} commence`,
      greeting: hello('fr', params.firstName),
      paragraphs: [
        `Vous avez accepté tous les deux : votre tandem avec ${params.other.firstName} ${params.other.lastName} commence.`,
        `Pour convenir d’une première rencontre : ${[params.other.email, params.other.phone].filter(Boolean).join(' · ')}`,
        'Après chaque rencontre, notez-la en un clic :',
      ],
      action: { label: 'Noter une rencontre', url: params.meetingLink },
    }),
    en: (params) => ({
      subject: `Your tandem with ${params.other.firstName} starts now`,
      greeting: hello('en', params.firstName),
      paragraphs: [
        `You have both accepted: your tandem with ${params.other.firstName} ${params.other.lastName} starts.`,
        `To arrange a first meeting: ${[params.other.email, params.other.phone].filter(Boolean).join(' · ')}`,
        'After each meeting, log it in one click:',
      ],
      action: { label: 'Log a meeting', url: params.meetingLink },
    }),
  },
});

const proposalExpired = define({
  name: 'tandem_proposal_expired',
  params: tandemParams,
  write: {
    fr: (params) => ({
      subject: 'La proposition de tandem a expiré',
      greeting: hello('fr', params.firstName),
      paragraphs: [
        'Le délai de réponse à la proposition de tandem est passé : elle est close.',
        'L’équipe du hub reviendra vers vous.',
      ],
    }),
    en: (params) => ({
      subject: 'The tandem proposal has expired',
      greeting: hello('en', params.firstName),
      paragraphs: [
        'The time to answer the tandem proposal has passed: it is closed.',
        'The hub team will get back to you.',
      ],
    }),
  },
});

const proposalExpiredStaff = define({
  name: 'tandem_proposal_expired_staff',
  params: staffParams.extend({
    unanswered: z.array(z.enum(['mentor', 'mentee'])),
    suggestedMentors: z.number().int(),
  }),
  write: {
    fr: (params, { publicUrl }) => ({
      subject: `Sans réponse : ${params.menteeName} – ${params.mentorName}`,
      greeting: hello('fr', params.firstName),
      paragraphs: [
        `La proposition de tandem entre ${params.menteeName} et ${params.mentorName} a expiré sans réponse (${params.unanswered.map((side) => (side === 'mentor' ? 'du mentor' : 'du ou de la mentoré·e')).join(' et ')}).`,
        params.suggestedMentors > 0
          ? 'Une nouvelle suggestion du moteur attend votre relecture.'
          : 'Le moteur n’a pas trouvé d’autre mentor disponible pour le moment.',
      ],
      action: { label: 'Ouvrir Tandem', url: publicUrl },
    }),
    en: (params, { publicUrl }) => ({
      subject: `No answer: ${params.menteeName} – ${params.mentorName}`,
      greeting: hello('en', params.firstName),
      paragraphs: [
        `The tandem proposal between ${params.menteeName} and ${params.mentorName} expired unanswered (by the ${params.unanswered.join(' and the ')}).`,
        params.suggestedMentors > 0
          ? 'A new suggestion from the engine awaits your review.'
          : 'The engine found no other available mentor for now.',
      ],
      action: { label: 'Open Tandem', url: publicUrl },
    }),
  },
});

const meetingLogged = define({
  name: 'meeting_logged',
  params: tandemParams.extend({
    occursAt: z.iso.datetime(),
    durationMinutes: z.number().int(),
    mode: z.enum(['in_person', 'remote']),
    topics: z.array(z.string()),
    sharedSummary: z.string().nullable(),
    meetingLink: z.url(),
  }),
  write: {
    fr: (params) => ({
      subject: 'Une rencontre de votre tandem a été notée',
      greeting: hello('fr', params.firstName),
      paragraphs: [
        `Rencontre du ${longDate('fr', params.occursAt)}, ${params.durationMinutes} minutes, ${params.mode === 'remote' ? 'à distance' : 'en présentiel'}.`,
        ...(params.topics.length > 0 ? [`Sujets : ${params.topics.join(', ')}`] : []),
        ...(params.sharedSummary ? [params.sharedSummary] : []),
        'La prochaine fois, notez-la vous aussi en un clic :',
      ],
      action: { label: 'Noter une rencontre', url: params.meetingLink },
    }),
    en: (params) => ({
      subject: 'A meeting of your tandem was logged',
      greeting: hello('en', params.firstName),
      paragraphs: [
        `Meeting on ${longDate('en', params.occursAt)}, ${params.durationMinutes} minutes, ${params.mode === 'remote' ? 'remote' : 'in person'}.`,
        ...(params.topics.length > 0 ? [`Topics: ${params.topics.join(', ')}`] : []),
        ...(params.sharedSummary ? [params.sharedSummary] : []),
        'Next time, log it yourself in one click:',
      ],
      action: { label: 'Log a meeting', url: params.meetingLink },
    }),
  },
});

const pairingFitQuestion = define({
  name: 'pairing_fit_question',
  params: tandemParams.extend({ otherFirstName: z.string(), answerLink: z.url() }),
  write: {
    fr: (params) => ({
      subject: `Votre binôme avec ${params.otherFirstName} vous convient-il ?`,
      greeting: hello('fr', params.firstName),
      paragraphs: [
        `Vous avez eu votre première rencontre avec ${params.otherFirstName}. Dites-nous en un clic si ce binôme vous convient.`,
      ],
      action: { label: 'Répondre', url: params.answerLink },
      afterAction: ['Votre réponse reste entre vous et l’équipe du hub.'],
    }),
    en: (params) => ({
      subject: `Is your pairing with ${params.otherFirstName} a good fit?`,
      greeting: hello('en', params.firstName),
      paragraphs: [
        `You had your first meeting with ${params.otherFirstName}. Tell us in one click whether this pairing suits you.`,
      ],
      action: { label: 'Answer', url: params.answerLink },
      afterAction: ['Your answer stays between you and the hub team.'],
    }),
  },
});

const pairingFitAlert = define({
  name: 'pairing_fit_alert',
  params: staffParams.extend({
    side: z.enum(['mentor', 'mentee']),
    comment: z.string().nullable(),
  }),
  write: {
    fr: (params, { publicUrl }) => ({
      subject: `Binôme à revoir : ${params.menteeName} – ${params.mentorName}`,
      greeting: hello('fr', params.firstName),
      paragraphs: [
        `${params.side === 'mentor' ? 'Le mentor' : 'Le ou la mentoré·e'} répond que le binôme ${params.menteeName} – ${params.mentorName} ne convient pas.`,
        ...(params.comment ? [`Commentaire : ${params.comment}`] : []),
        'Une suggestion de nouveau binôme attend votre relecture ; le tandem continue tant que personne n’y met fin.',
      ],
      action: { label: 'Ouvrir Tandem', url: publicUrl },
    }),
    en: (params, { publicUrl }) => ({
      subject: `Pairing to review: ${params.menteeName} – ${params.mentorName}`,
      greeting: hello('en', params.firstName),
      paragraphs: [
        `The ${params.side} says the pairing ${params.menteeName} – ${params.mentorName} is not a good fit.`,
        ...(params.comment ? [`Comment: ${params.comment}`] : []),
        'A re-match suggestion awaits your review; the tandem goes on until someone ends it.',
      ],
      action: { label: 'Open Tandem', url: publicUrl },
    }),
  },
});

const endParams = tandemParams.extend({
  endedBy: z.enum(['mentor', 'mentee', 'staff']),
  reason: z.enum(END_REASONS),
  menteeFirstName: z.string(),
  mentorFirstName: z.string(),
});

const tandemCompleted = define({
  name: 'tandem_completed',
  params: endParams,
  write: {
    fr: (params) => ({
      subject: 'Votre tandem est terminé : merci !',
      greeting: hello('fr', params.firstName),
      paragraphs: [
        `Le tandem de ${params.menteeFirstName} et ${params.mentorFirstName} est arrivé à son terme. Merci pour ce chemin parcouru ensemble.`,
        'Nous vous demanderons bientôt quelques nouvelles, pour mesurer ce que le mentorat a apporté.',
      ],
    }),
    en: (params) => ({
      subject: 'Your tandem is complete: thank you!',
      greeting: hello('en', params.firstName),
      paragraphs: [
        `The tandem of ${params.menteeFirstName} and ${params.mentorFirstName} has come to its end. Thank you for the way travelled together.`,
        'We will soon ask for some news, to measure what mentoring brought.',
      ],
    }),
  },
});

const tandemEndedEarly = define({
  name: 'tandem_ended_early',
  params: endParams,
  write: {
    fr: (params) => ({
      subject: 'Votre tandem s’arrête',
      greeting: hello('fr', params.firstName),
      paragraphs: [
        `Le tandem de ${params.menteeFirstName} et ${params.mentorFirstName} s’arrête plus tôt que prévu${params.endedBy === 'staff' ? ', à l’initiative de l’équipe du hub' : ''}.`,
        'L’équipe du hub reste à votre écoute et vous recontactera si besoin.',
      ],
    }),
    en: (params) => ({
      subject: 'Your tandem is ending',
      greeting: hello('en', params.firstName),
      paragraphs: [
        `The tandem of ${params.menteeFirstName} and ${params.mentorFirstName} ends earlier than planned${params.endedBy === 'staff' ? ', at the hub team’s initiative' : ''}.`,
        'The hub team is still here for you and will get in touch if needed.',
      ],
    }),
  },
});

/** Every e-mail of matching and the tandem lifecycle. */
export const TANDEM_EMAIL_TEMPLATES: readonly EmailTemplate[] = [
  proposal('mentee', false),
  proposal('mentor', false),
  proposal('mentee', true),
  proposal('mentor', true),
  proposalDeclined,
  proposalDeclinedStaff,
  tandemAccepted,
  proposalExpired,
  proposalExpiredStaff,
  meetingLogged,
  pairingFitQuestion,
  pairingFitAlert,
  tandemCompleted,
  tandemEndedEarly,
];
