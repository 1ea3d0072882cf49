import {
  EmailTemplateError,
  emailLocaleOf,
  type EmailContent,
  type EmailContext,
  type EmailLocale,
} from './templates/define-email-template.ts';
import { findEmailTemplate } from './templates/index.ts';

export { EmailTemplateError };

/** An e-mail ready to send: its subject and both bodies. */
export type RenderedEmail = { subject: string; text: string; html: string; locale: EmailLocale };

/**
 * Renders a template in the recipient's locale (French unless it is English). Throws
 * `EmailTemplateError` for an unknown template or parameters its schema refuses.
 */
export function renderEmail(options: {
  template: string;
  locale: string | null | undefined;
  params: unknown;
  context: EmailContext;
}): RenderedEmail {
  const template = findEmailTemplate(options.template);
  if (!template) throw new EmailTemplateError(`unknown e-mail template "${options.template}"`);
  const locale = emailLocaleOf(options.locale);
  const context = { ...options.context, publicUrl: options.context.publicUrl.replace(/\/$/, '') };
  const content = template.write(options.params, locale, context);
  return {
    subject: content.subject,
    text: layoutText(content, locale, context),
    html: layoutHtml(content, locale, context),
    locale,
  };
}

/** Throws `EmailTemplateError` unless the template exists and accepts these parameters. */
export function checkEmailParams(template: string, params: unknown): void {
  renderEmail({
    template,
    locale: 'fr',
    params,
    context: { hubName: 'Tandem', publicUrl: 'http://localhost' },
  });
}

function signature(locale: EmailLocale, context: EmailContext): string {
  return locale === 'en' ? `The ${context.hubName} team` : `L’équipe de ${context.hubName}`;
}

function layoutText(content: EmailContent, locale: EmailLocale, context: EmailContext): string {
  const blocks = [content.greeting, ...content.paragraphs];
  // French typography puts a space before a colon; English does not.
  const colon = locale === 'en' ? ':' : ' :';
  if (content.action) blocks.push(`${content.action.label}${colon} ${content.action.url}`);
  blocks.push(...(content.afterAction ?? []), signature(locale, context));
  return `${blocks.join('\n\n')}\n`;
}

const escapeHtml = (value: string) =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const paragraphStyle = 'margin:0 0 16px;font-size:16px;line-height:1.5;color:#1f2933;';

function layoutHtml(content: EmailContent, locale: EmailLocale, context: EmailContext): string {
  const paragraph = (text: string) => `<p style="${paragraphStyle}">${escapeHtml(text)}</p>`;
  const button = content.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px;"><tr><td style="border-radius:8px;background:#0b5cad;"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:16px 28px;font-size:18px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:8px;">${escapeHtml(content.action.label)}</a></td></tr></table>` +
      `<p style="margin:0 0 16px;font-size:13px;line-height:1.5;color:#52606d;">${
        locale === 'en'
          ? 'If the button does not work, copy this address into your browser:'
          : 'Si le bouton ne marche pas, copiez cette adresse dans votre navigateur :'
      }<br><a href="${escapeHtml(content.action.url)}" style="color:#0b5cad;word-break:break-all;">${escapeHtml(content.action.url)}</a></p>`
    : '';
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f5f7fa;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f7fa;"><tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;"><tr><td style="padding:32px 28px;font-family:Arial,Helvetica,sans-serif;">',
    paragraph(content.greeting),
    ...content.paragraphs.map(paragraph),
    button,
    ...(content.afterAction ?? []).map(paragraph),
    paragraph(signature(locale, context)),
    '</td></tr></table>',
    '</td></tr></table>',
    '</body></html>',
    '',
  ].join('\n');
}
