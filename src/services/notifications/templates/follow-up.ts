import { z } from 'zod';
import { defineEmailTemplate, greet, type EmailTemplate } from './define-email-template.ts';

/**
 * The e-mails of qualitative follow-up: the check-in survey (and its one reminder) to each side
 * of a tandem, and the risk alerts to the coordinator and the mentee's referrer.
 */

const surveyParams = z.object({
  firstName: z.string().nullable().optional(),
  tandemId: z.uuid(),
  otherFirstName: z.string(),
  /** Months since the start; null for the closure check-in. */
  monthNumber: z.number().int().nullable(),
  answerLink: z.url(),
});
type SurveyParams = z.infer<typeof surveyParams>;

const momentFr = (params: SurveyParams) =>
  params.monthNumber === null
    ? 'Votre tandem vient de se terminer.'
    : `Votre tandem a ${params.monthNumber} mois.`;
const momentEn = (params: SurveyParams) =>
  params.monthNumber === null
    ? 'Your tandem has just ended.'
    : `Your tandem is ${params.monthNumber} month${params.monthNumber === 1 ? '' : 's'} old.`;

function survey(isReminder: boolean): EmailTemplate {
  return defineEmailTemplate({
    name: isReminder ? 'check_in_survey_reminder' : 'check_in_survey',
    params: surveyParams,
    write: {
      fr: (params) => ({
        subject: isReminder
          ? `Rappel : comment se passe votre tandem avec ${params.otherFirstName} ?`
          : `Comment se passe votre tandem avec ${params.otherFirstName} ?`,
        greeting: greet('fr', params.firstName),
        paragraphs: [
          momentFr(params),
          'Trois questions, une minute, sans mot de passe : êtes-vous satisfait·e, et le tandem avance-t-il comme prévu ?',
        ],
        action: { label: 'Répondre', url: params.answerLink },
        afterAction: ['Votre réponse reste entre vous et l’équipe du hub.'],
      }),
      en: (params) => ({
        subject: isReminder
          ? `Reminder: how is your tandem with ${params.otherFirstName} going?`
          : `How is your tandem with ${params.otherFirstName} going?`,
        greeting: greet('en', params.firstName),
        paragraphs: [
          momentEn(params),
          'Three questions, one minute, no password: are you satisfied, and is the tandem on track?',
        ],
        action: { label: 'Answer', url: params.answerLink },
        afterAction: ['Your answer stays between you and the hub team.'],
      }),
    },
  });
}

/** The risk alerts staff are told about, in their words. */
export const RISK_ALERT_KINDS = ['no_meeting', 'check_in_unanswered', 'low_satisfaction'] as const;

const KIND_TITLES = {
  no_meeting: { fr: 'Pas de rencontre depuis 30 jours', en: 'No meeting for 30 days' },
  check_in_unanswered: { fr: 'Point de suivi sans réponse', en: 'Check-in unanswered' },
  low_satisfaction: { fr: 'Tandem en difficulté', en: 'Tandem in difficulty' },
} as const;

const riskAlert = defineEmailTemplate({
  name: 'follow_up_alert',
  params: z.object({
    firstName: z.string().nullable().optional(),
    tandemId: z.uuid(),
    alertId: z.uuid(),
    kind: z.enum(RISK_ALERT_KINDS),
    menteeName: z.string(),
    mentorName: z.string(),
    message: z.string(),
  }),
  write: {
    fr: (params, { publicUrl }) => ({
      subject: `${KIND_TITLES[params.kind].fr} : ${params.menteeName} – ${params.mentorName}`,
      greeting: greet('fr', params.firstName),
      paragraphs: [
        params.message,
        'Elle reste dans la boîte des alertes jusqu’à ce qu’on la traite.',
      ],
      action: { label: 'Ouvrir Tandem', url: publicUrl },
    }),
    en: (params, { publicUrl }) => ({
      subject: `${KIND_TITLES[params.kind].en}: ${params.menteeName} – ${params.mentorName}`,
      greeting: greet('en', params.firstName),
      paragraphs: [
        `${params.message} (in French)`,
        'It stays in the alert inbox until someone handles it.',
      ],
      action: { label: 'Open Tandem', url: publicUrl },
    }),
  },
});

const dateTime = (locale: 'fr' | 'en', iso: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

const meetingPlanned = defineEmailTemplate({
  name: 'meeting_planned',
  params: z.object({
    firstName: z.string().nullable().optional(),
    tandemId: z.uuid(),
    otherFirstName: z.string(),
    occursAt: z.iso.datetime(),
    durationMinutes: z.number().int(),
    mode: z.enum(['in_person', 'remote']),
    location: z.string().nullable(),
    meetingLink: z.url(),
  }),
  write: {
    fr: (params) => ({
      subject: `Rencontre prévue avec ${params.otherFirstName} le ${dateTime('fr', params.occursAt)}`,
      greeting: greet('fr', params.firstName),
      paragraphs: [
        `Votre prochaine rencontre avec ${params.otherFirstName} : ${dateTime('fr', params.occursAt)}, ${params.durationMinutes} minutes, ${params.mode === 'remote' ? 'à distance' : 'en présentiel'}${params.location ? ` (${params.location})` : ''}.`,
        'L’invitation jointe l’ajoute à votre agenda.',
        'Une fois la rencontre faite, notez-la en un clic :',
      ],
      action: { label: 'Noter la rencontre', url: params.meetingLink },
    }),
    en: (params) => ({
      subject: `Meeting with ${params.otherFirstName} on ${dateTime('en', params.occursAt)}`,
      greeting: greet('en', params.firstName),
      paragraphs: [
        `Your next meeting with ${params.otherFirstName}: ${dateTime('en', params.occursAt)}, ${params.durationMinutes} minutes, ${params.mode === 'remote' ? 'remote' : 'in person'}${params.location ? ` (${params.location})` : ''}.`,
        'The attached invitation adds it to your calendar.',
        'Once it has taken place, log it in one click:',
      ],
      action: { label: 'Log the meeting', url: params.meetingLink },
    }),
  },
});

/** Every e-mail of qualitative follow-up. */
export const FOLLOW_UP_EMAIL_TEMPLATES: readonly EmailTemplate[] = [
  survey(false),
  survey(true),
  riskAlert,
  meetingPlanned,
];
