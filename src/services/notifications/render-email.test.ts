import { describe, expect, it } from 'vitest';
import { EMAIL_LOCALES } from './templates/define-email-template.ts';
import { emailTemplateNames } from './templates/index.ts';
import { TANDEM_EMAIL_TEMPLATES } from './templates/tandems.ts';
import { EmailTemplateError, renderEmail } from './render-email.ts';

const context = { hubName: 'CCI Aix-Marseille-Provence', publicUrl: 'https://hub.example.test/' };
const link = 'https://hub.example.test/connexion#jeton=abc123';

/** Parameters that fit every template queued today. */
const PARAMS: Record<string, Record<string, unknown>> = {
  sign_in_link: { firstName: 'Camille', link, validMinutes: 20 },
  invitation: { firstName: 'Camille', link, validMinutes: 10_080, role: 'referrer' },
  mentor_application_received: { firstName: 'Camille', link, validMinutes: 10_080 },
  mentor_approved: { firstName: 'Camille' },
  mentor_application_declined: { firstName: 'Camille' },
  mentor_pause_ended: { firstName: 'Camille' },
  mentee_referred: { firstName: 'Camille', link, validMinutes: 10_080 },
  mentee_registered: { firstName: 'Camille', link, validMinutes: 10_080 },
  ...followUpParams(),
};

/** The follow-up e-mails (check-in surveys, risk alerts, planned meetings). */
function followUpParams(): Record<string, Record<string, unknown>> {
  const tandemId = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
  const answerLink = 'https://hub.example.test/liens/abc.def';
  const survey = { firstName: 'Camille', tandemId, otherFirstName: 'Nadia', answerLink };
  return {
    check_in_survey: { ...survey, monthNumber: 3 },
    check_in_survey_reminder: { ...survey, monthNumber: null },
    follow_up_alert: {
      firstName: 'Camille',
      tandemId,
      alertId: '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f',
      kind: 'no_meeting',
      menteeName: 'Yasmine Benali',
      mentorName: 'Nadia Roux',
      message: 'Aucune rencontre depuis 31 jours.',
    },
    meeting_planned: {
      firstName: 'Camille',
      tandemId,
      otherFirstName: 'Nadia',
      occursAt: '2027-03-09T13:00:00.000Z',
      durationMinutes: 60,
      mode: 'in_person',
      location: null,
      meetingLink: answerLink,
    },
  };
}

describe('renderEmail', () => {
  it('renders every template in French and English, with a subject, text and HTML', () => {
    // The matching and tandem e-mails are rendered, in both languages, from the parameters the
    // workflow really queues (src/services/tandems/tandems.db.test.ts).
    const workflow = new Set(TANDEM_EMAIL_TEMPLATES.map((template) => template.name));
    for (const name of emailTemplateNames().filter((name) => !workflow.has(name))) {
      expect(PARAMS[name], `test parameters for ${name}`).toBeDefined();
      for (const locale of EMAIL_LOCALES) {
        const email = renderEmail({ template: name, locale, params: PARAMS[name], context });
        expect(email.locale).toBe(locale);
        expect(email.subject.length).toBeGreaterThan(5);
        expect(email.text).toContain(locale === 'en' ? 'Hello Camille,' : 'Bonjour Camille,');
        expect(email.html).toContain(`<html lang="${locale}">`);
      }
    }
  });

  it('writes French by default and English only for an English locale', () => {
    const params = PARAMS.sign_in_link;
    expect(renderEmail({ template: 'sign_in_link', locale: null, params, context }).subject).toBe(
      'Votre lien de connexion à CCI Aix-Marseille-Provence',
    );
    expect(renderEmail({ template: 'sign_in_link', locale: 'de', params, context }).locale).toBe(
      'fr',
    );
    expect(
      renderEmail({ template: 'sign_in_link', locale: 'en-GB', params, context }).subject,
    ).toBe('Your sign-in link for CCI Aix-Marseille-Provence');
  });

  it('puts the link as a plain URL in the text and as a button in the HTML', () => {
    const email = renderEmail({
      template: 'sign_in_link',
      locale: 'fr',
      params: PARAMS.sign_in_link,
      context,
    });
    expect(email.text).toContain(`Me connecter : ${link}`);
    expect(email.text).toContain('pendant 20 minutes');
    expect(email.html).toMatch(new RegExp(`<a href="${link}"[^>]*>Me connecter</a>`));
    const english = renderEmail({
      template: 'invitation',
      locale: 'en',
      params: PARAMS.invitation,
      context,
    });
    expect(english.text).toContain(`Open my account: ${link}`);
    expect(english.text).toContain('for 7 days');
    expect(english.text).toContain('as referrer');
  });

  it('escapes parameters in the HTML', () => {
    const email = renderEmail({
      template: 'mentor_approved',
      locale: 'fr',
      params: { firstName: '<script>alert(1)</script>' },
      context: { ...context, hubName: 'A & B' },
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.html).toContain('A &amp; B');
    expect(email.html).toContain('href="https://hub.example.test/connexion"');
  });

  it('greets without a name when there is none', () => {
    const email = renderEmail({
      template: 'mentor_application_declined',
      locale: 'en',
      params: { firstName: null },
      context,
    });
    expect(email.text.startsWith('Hello,\n')).toBe(true);
  });

  it('refuses an unknown template and parameters that do not fit', () => {
    expect(() =>
      renderEmail({ template: 'no_such_email', locale: 'fr', params: {}, context }),
    ).toThrow(EmailTemplateError);
    expect(() =>
      renderEmail({ template: 'sign_in_link', locale: 'fr', params: { link: 'nope' }, context }),
    ).toThrow(/link/);
  });
});
