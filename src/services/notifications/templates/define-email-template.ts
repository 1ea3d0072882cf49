import type { z } from 'zod';

/** The languages e-mails are written in; French is the default. */
export const EMAIL_LOCALES = ['fr', 'en'] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

/** The recipient's locale as one we write in: anything but English falls back to French. */
export function emailLocaleOf(locale: string | null | undefined): EmailLocale {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/** What every template may use besides its own parameters. */
export type EmailContext = {
  /** The hub's name, e.g. "CCI Aix-Marseille-Provence". */
  hubName: string;
  /** The address of the app, without a trailing slash. */
  publicUrl: string;
};

/**
 * A message written as blocks of plain words; the layout (`render-email.ts`) turns it into
 * both a text and an HTML part, so that templates never write HTML and never forget to escape.
 */
export type EmailContent = {
  subject: string;
  /** The first line, e.g. "Bonjour Camille,". */
  greeting: string;
  /** Paragraphs before the button. */
  paragraphs: readonly string[];
  /** The one thing to do: a big button in HTML, a plain URL in text. */
  action?: { label: string; url: string };
  /** Paragraphs after the button (validity, what to do if this was not you…). */
  afterAction?: readonly string[];
};

/** One e-mail: its name (the `template` of a `send_email` job), its parameters and its words. */
export type EmailTemplate<Params = Record<string, unknown>> = {
  name: string;
  /** Validates the job's `params` before rendering (and when the e-mail is queued). */
  params: z.ZodType<Params>;
  /** The words in each locale. */
  write: Record<EmailLocale, (params: Params, context: EmailContext) => EmailContent>;
};

/**
 * Declares an e-mail template. One file per template or family under `templates/`, listed in
 * `templates/index.ts`; the name is what services pass to `queueEmailTo`.
 */
export function defineEmailTemplate<Params>(
  template: EmailTemplate<Params>,
): EmailTemplate<Params> {
  return template;
}

/** The greeting in each locale, with or without a first name. */
export function greet(locale: EmailLocale, firstName: string | null | undefined): string {
  const name = firstName?.trim();
  if (locale === 'en') return name ? `Hello ${name},` : 'Hello,';
  return name ? `Bonjour ${name},` : 'Bonjour,';
}

/** "20 minutes", "7 jours", "1 hour"…: a validity period in simple words. */
export function describeDuration(locale: EmailLocale, minutes: number): string {
  const units =
    locale === 'en'
      ? ([
          [1440, 'day', 'days'],
          [60, 'hour', 'hours'],
          [1, 'minute', 'minutes'],
        ] as const)
      : ([
          [1440, 'jour', 'jours'],
          [60, 'heure', 'heures'],
          [1, 'minute', 'minutes'],
        ] as const);
  for (const [size, one, many] of units) {
    if (minutes >= size && minutes % size === 0) {
      const count = minutes / size;
      return `${count} ${count === 1 ? one : many}`;
    }
  }
  return `${minutes} ${units[2][2]}`;
}
