import { ERROR_CATALOGUE, type ErrorCode } from '../../domain/errors.ts';
import type { ActionLinkPage } from '../../services/tandems/open-action-link.ts';
import { DECLINE_REASONS, type ActionLinkResult } from '../../services/tandems/use-action-link.ts';

/**
 * The pages one-click e-mail links open: plain French, large buttons, readable on a phone,
 * no script. GET shows what will happen; only the button (a POST) acts, so that mail scanners
 * and link previews that follow links change nothing.
 */

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Tandem</title>
<style>
  body { font-family: system-ui, sans-serif; font-size: 1.15rem; line-height: 1.5; margin: 0; background: #f6f7f9; color: #1b1f24; }
  main { max-width: 36rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  .card { background: #fff; border-radius: .75rem; padding: 1rem 1.25rem; margin: 1rem 0; box-shadow: 0 1px 3px #0002; }
  button { display: block; width: 100%; font-size: 1.25rem; padding: 1rem; margin: .75rem 0; border: 0; border-radius: .75rem; background: #0b5cad; color: #fff; cursor: pointer; }
  button.secondary { background: #e4e8ee; color: #1b1f24; }
  label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
  .choice { font-weight: normal; display: flex; gap: .5rem; align-items: center; padding: .4rem 0; }
  input[type=radio] { width: 1.4rem; height: 1.4rem; }
  input[type=date], select, textarea { font-size: 1.1rem; width: 100%; padding: .6rem; box-sizing: border-box; border: 1px solid #9aa4b1; border-radius: .5rem; }
  .muted { color: #4b5563; font-size: 1rem; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function profileCard(page: ActionLinkPage): string {
  const { other } = page;
  const topics = other.topics.length ? `<p>${other.topics.map(escapeHtml).join(' · ')}</p>` : '';
  return `<div class="card">
<p><strong>${escapeHtml(other.firstName)}</strong><br>${escapeHtml(other.headline)}</p>
${other.commune ? `<p>${escapeHtml(other.commune)} – rencontres ${escapeHtml(other.meetingMode)}</p>` : `<p>Rencontres ${escapeHtml(other.meetingMode)}</p>`}
${topics}
${other.about ? `<p class="muted">${escapeHtml(other.about)}</p>` : ''}
</div>`;
}

function reasonsCard(page: ActionLinkPage): string {
  if (page.reasons.length === 0) return '';
  return `<div class="card"><p><strong>Pourquoi ce binôme&nbsp;?</strong></p><ul>${page.reasons
    .map((reason) => `<li>${escapeHtml(reason)}</li>`)
    .join('')}</ul></div>`;
}

const frenchDate = (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'Europe/Paris' }).format(date);
const isoDay = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(date);

/** The confirmation page of a valid link. */
export function renderActionLinkPage(page: ActionLinkPage, actionUrl: string, now: Date): string {
  const action = escapeHtml(actionUrl);
  const hello = `<p>Bonjour ${escapeHtml(page.firstName)},</p>`;
  const deadline = page.replyDeadline
    ? `<p class="muted">Vous pouvez répondre jusqu’au ${escapeHtml(frenchDate(page.replyDeadline))}.</p>`
    : '';
  switch (page.link.purpose) {
    case 'proposal_accept':
      return layout(
        'Accepter le tandem',
        `<h1>Une proposition de tandem${page.programName ? ` – ${escapeHtml(page.programName)}` : ''}</h1>${hello}
<p>Nous vous proposons de faire équipe avec&nbsp;:</p>${profileCard(page)}${reasonsCard(page)}${deadline}
<form method="post" action="${action}"><button type="submit">Oui, j’accepte ce tandem</button></form>
<p class="muted">Le tandem commence quand vous avez accepté tous les deux. Vous recevrez alors ses coordonnées.</p>`,
      );
    case 'proposal_decline':
      return layout(
        'Refuser la proposition',
        `<h1>Refuser cette proposition</h1>${hello}
<p>Vous ne souhaitez pas faire équipe avec ${escapeHtml(page.other.firstName)}&nbsp;? Dites-nous pourquoi, cela nous aide à mieux proposer.</p>
<form method="post" action="${action}">
${Object.entries(DECLINE_REASONS)
  .map(
    ([value, label], index) =>
      `<label class="choice"><input type="radio" name="reason" value="${value}"${index === 0 ? ' checked' : ''}> ${escapeHtml(label)}</label>`,
  )
  .join('\n')}
<label for="comment">Un mot de plus (facultatif)</label>
<textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
<button type="submit">Je refuse cette proposition</button>
</form>`,
      );
    case 'meeting_log':
      return layout(
        'Noter une rencontre',
        `<h1>Noter une rencontre avec ${escapeHtml(page.other.firstName)}</h1>${hello}
<form method="post" action="${action}">
<label for="date">Date de la rencontre</label>
<input id="date" type="date" name="date" value="${isoDay(now)}" max="${isoDay(now)}" required>
<label for="duration">Durée</label>
<select id="duration" name="durationMinutes">
<option value="30">30 minutes</option><option value="60" selected>1 heure</option>
<option value="90">1 heure 30</option><option value="120">2 heures</option></select>
<label>Comment&nbsp;?</label>
<label class="choice"><input type="radio" name="mode" value="in_person" checked> En vrai, face à face</label>
<label class="choice"><input type="radio" name="mode" value="remote"> À distance (téléphone, visio)</label>
<label for="topics">Sujets abordés (facultatif, séparés par des virgules)</label>
<textarea id="topics" name="topics" rows="2" maxlength="500"></textarea>
<label for="note">Note personnelle (facultative)</label>
<textarea id="note" name="privateNote" rows="3" maxlength="4000"></textarea>
<p class="muted">Votre note personnelle n’est visible que par vous.</p>
<button type="submit">Enregistrer la rencontre</button>
</form>`,
      );
    case 'check_in_answer':
      return layout(
        'Votre binôme vous convient-il ?',
        `<h1>Votre binôme avec ${escapeHtml(page.other.firstName)} vous convient-il&nbsp;?</h1>${hello}
<p>Après cette première rencontre, dites-nous simplement ce que vous en pensez.</p>
<form method="post" action="${action}">
<label for="comment">Un mot (facultatif)</label>
<textarea id="comment" name="comment" rows="2" maxlength="1000"></textarea>
<button type="submit" name="answer" value="good">Oui, ça se passe bien</button>
<button type="submit" name="answer" value="unsure" class="secondary">Je ne sais pas encore</button>
<button type="submit" name="answer" value="poor" class="secondary">Non, ça ne colle pas</button>
</form>
<p class="muted">Si ça ne colle pas, l’équipe du hub vous recontacte pour trouver une meilleure solution.</p>`,
      );
    case 'check_in_survey':
      return layout(
        'Comment se passe votre tandem ?',
        `<h1>Comment se passe votre tandem avec ${escapeHtml(page.other.firstName)}&nbsp;?</h1>${hello}
<form method="post" action="${action}">
<label>Êtes-vous satisfait·e&nbsp;? (1 = pas du tout, 5 = tout à fait)</label>
${[1, 2, 3, 4, 5]
  .map(
    (value) =>
      `<label class="choice"><input type="radio" name="satisfaction" value="${value}"${value === 4 ? ' checked' : ''} required> ${value}</label>`,
  )
  .join('\n')}
<label>Le tandem avance-t-il comme prévu&nbsp;?</label>
<label class="choice"><input type="radio" name="onTrack" value="yes" checked> Oui</label>
<label class="choice"><input type="radio" name="onTrack" value="no"> Non</label>
<label for="comment">Un mot (facultatif)</label>
<textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
<button type="submit">Envoyer ma réponse</button>
</form>
<p class="muted">Votre réponse reste entre vous et l’équipe du hub.</p>`,
      );
  }
}

/** The page after the button: what was done. */
export function renderActionLinkDone(result: ActionLinkResult): string {
  const done = (title: string, text: string) =>
    layout(title, `<h1>${escapeHtml(title)}</h1><div class="card"><p>${text}</p></div>`);
  switch (result.purpose) {
    case 'proposal_accept':
      return done(
        'Merci, c’est noté !',
        result.isTandemAccepted
          ? 'Vous avez accepté tous les deux : le tandem commence. Vous allez recevoir un e-mail avec les coordonnées de votre binôme.'
          : 'Votre accord est enregistré. Nous attendons la réponse de votre binôme et vous prévenons par e-mail.',
      );
    case 'proposal_decline':
      return done(
        'C’est noté',
        'Votre refus est enregistré. Merci d’avoir pris le temps de répondre : nous ne vous proposerons plus ce binôme.',
      );
    case 'meeting_log':
      return done('Rencontre enregistrée', 'Merci ! Votre binôme en est informé.');
    case 'check_in_answer':
    case 'check_in_survey':
      return done(
        'Merci pour votre réponse',
        'Elle aide l’équipe du hub à bien accompagner votre tandem.',
      );
  }
}

const ERROR_TITLES: Partial<Record<ErrorCode, string>> = {
  action_link_invalid: 'Ce lien n’est pas valable',
  action_link_expired: 'Ce lien a expiré',
  action_link_used: 'Ce lien a déjà servi',
  proposal_closed: 'Cette proposition est close',
  proposal_already_answered: 'Vous avez déjà répondu',
  check_in_already_answered: 'Vous avez déjà répondu',
  tandem_transition_invalid: 'Ce n’est plus possible',
  validation_failed: 'Il manque une information',
};

/** A refused link: what happened in simple words, and that nothing was changed. */
export function renderActionLinkError(code: ErrorCode, message?: string): string {
  const title = ERROR_TITLES[code] ?? 'Action impossible';
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1><div class="card"><p>${escapeHtml(message ?? ERROR_CATALOGUE[code].message)}</p>
<p><strong>Rien n’a été modifié.</strong></p></div>
<p class="muted">Besoin d’aide&nbsp;? Connectez-vous à Tandem ou répondez à l’e-mail reçu&nbsp;: l’équipe du hub vous aidera.</p>`,
  );
}
