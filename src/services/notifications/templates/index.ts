import type { EmailTemplate } from './define-email-template.ts';
import { FOLLOW_UP_EMAIL_TEMPLATES } from './follow-up.ts';
import { menteeReferredEmail, menteeRegisteredEmail } from './mentees.ts';
import {
  mentorApplicationDeclinedEmail,
  mentorApplicationReceivedEmail,
  mentorApprovedEmail,
  mentorPauseEndedEmail,
} from './mentors.ts';
import { invitationEmail, signInLinkEmail } from './sign-in.ts';
import { TANDEM_EMAIL_TEMPLATES } from './tandems.ts';

/**
 * Every e-mail the product sends. To add one, write its file (or add it to its family's file)
 * and list it here; its name is what services pass to `queueEmailTo`.
 */
const TEMPLATES: readonly EmailTemplate[] = [
  signInLinkEmail,
  invitationEmail,
  mentorApplicationReceivedEmail,
  mentorApprovedEmail,
  mentorApplicationDeclinedEmail,
  mentorPauseEndedEmail,
  menteeReferredEmail,
  menteeRegisteredEmail,
  ...TANDEM_EMAIL_TEMPLATES,
  ...FOLLOW_UP_EMAIL_TEMPLATES,
];

const BY_NAME = new Map(TEMPLATES.map((template) => [template.name, template]));
if (BY_NAME.size !== TEMPLATES.length) throw new Error('two e-mail templates share a name');

/** The template of that name, or undefined. */
export function findEmailTemplate(name: string): EmailTemplate | undefined {
  return BY_NAME.get(name);
}

/** The names of every template, for tests and documentation. */
export function emailTemplateNames(): string[] {
  return [...BY_NAME.keys()];
}
