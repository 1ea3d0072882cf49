import { defineEmailTemplate, describeDuration, greet } from './define-email-template.ts';
import { linkParams } from './link-params.ts';

/** A partner's referrer registered someone for mentoring, with their consent. */
export const menteeReferredEmail = defineEmailTemplate({
  name: 'mentee_referred',
  params: linkParams,
  write: {
    fr: (params, { hubName }) => ({
      subject: `Votre inscription au mentorat de ${hubName}`,
      greeting: greet('fr', params.firstName),
      paragraphs: [
        `Votre référent·e vous a inscrit·e au mentorat de ${hubName}. Un·e mentor bénévole pourra vous accompagner.`,
        'Ouvrez votre espace pour vérifier vos informations :',
      ],
      action: { label: 'Ouvrir mon espace', url: params.link },
      afterAction: [
        `Ce lien marche une seule fois, pendant ${describeDuration('fr', params.validMinutes)}.`,
        'Nous vous écrirons dès qu’un·e mentor vous sera proposé·e.',
      ],
    }),
    en: (params, { hubName }) => ({
      subject: `You are registered for mentoring at ${hubName}`,
      greeting: greet('en', params.firstName),
      paragraphs: [
        `Your referrer registered you for mentoring at ${hubName}. A volunteer mentor can support you.`,
        'Open your space to check your details:',
      ],
      action: { label: 'Open my space', url: params.link },
      afterAction: [
        `This link works once, for ${describeDuration('en', params.validMinutes)}.`,
        'We will write to you as soon as a mentor is proposed to you.',
      ],
    }),
  },
});

/** Someone registered themself for mentoring. */
export const menteeRegisteredEmail = defineEmailTemplate({
  name: 'mentee_registered',
  params: linkParams,
  write: {
    fr: (params, { hubName }) => ({
      subject: `Bienvenue au mentorat de ${hubName}`,
      greeting: greet('fr', params.firstName),
      paragraphs: [
        `Merci pour votre inscription au mentorat de ${hubName}.`,
        'Ouvrez votre espace pour compléter votre profil : il nous aide à vous proposer le bon mentor.',
      ],
      action: { label: 'Ouvrir mon espace', url: params.link },
      afterAction: [
        `Ce lien marche une seule fois, pendant ${describeDuration('fr', params.validMinutes)}.`,
      ],
    }),
    en: (params, { hubName }) => ({
      subject: `Welcome to mentoring at ${hubName}`,
      greeting: greet('en', params.firstName),
      paragraphs: [
        `Thank you for registering for mentoring at ${hubName}.`,
        'Open your space to complete your profile: it helps us propose the right mentor.',
      ],
      action: { label: 'Open my space', url: params.link },
      afterAction: [`This link works once, for ${describeDuration('en', params.validMinutes)}.`],
    }),
  },
});
