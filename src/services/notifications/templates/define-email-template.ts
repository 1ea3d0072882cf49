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

/** How a template is written: its name, its parameters and its words in each locale. */
export type EmailTemplateDefinition<Params> = {
  /** The `template` of a `send_email` job, e.g. `sign_in_link`. */
  name: string;
  /** Validates the job's `params` before rendering (and when the e-mail is queued). */
  params: z.ZodType<Params>;
  write: Record<EmailLocale, (params: Params, context: EmailContext) => EmailContent>;
};

/** A registered template: parses its parameters, then writes the message in a locale. */
export type EmailTemplate = {
  name: string;
  /** Throws `EmailTemplateError` when the parameters do not fit the template. */
  write(params: unknown, locale: EmailLocale, context: EmailContext): EmailContent;
};

/** The template is unknown or its parameters do not fit: retrying cannot help. */
export class EmailTemplateError extends Error {
  override name = 'EmailTemplateError';
}

/**
 * Declares an e-mail template. One file per template or family under `templates/`, listed in
 * `templates/index.ts`; the name is what services pass to `queueEmailTo`.
 */
export function defineEmailTemplate<Params>(
  definition: EmailTemplateDefinition<Params>,
): EmailTemplate {
  return {
    name: definition.name,
    write(params, locale, context) {
      const parsed = definition.params.safeParse(params);
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue) => `${issue.path.join('.')}: ${issue.message}`,
        );
        throw new EmailTemplateError(
          `parameters of e-mail template "${definition.name}" are invalid — ${problems.join('; ')}`,
        );
      }
      return definition.write[locale](parsed.data, context);
    },
  };
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
