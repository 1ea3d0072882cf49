import { defineEmailTemplate, describeDuration, greet } from './define-email-template.ts';
import { greetingParams, linkParams } from './link-params.ts';

/** A volunteer applied to mentor: thanks, next step, and a link to their space. */
export const mentorApplicationReceivedEmail = defineEmailTemplate({
  name: 'mentor_application_received',
  params: linkParams,
  write: {
    fr: (params, { hubName }) => ({
      subject: `Merci pour votre candidature de mentor`,
      greeting: greet('fr', params.firstName),
      paragraphs: [
        `Merci de proposer votre temps comme mentor à ${hubName}.`,
        'Prochaine étape : lire et signer la charte du mentor dans votre espace. Ensuite, un·e chargé·e de mission étudie votre candidature.',
      ],
      action: { label: 'Ouvrir mon espace', url: params.link },
      afterAction: [
        `Ce lien marche une seule fois, pendant ${describeDuration('fr', params.validMinutes)}.`,
      ],
    }),
    en: (params, { hubName }) => ({
      subject: 'Thank you for applying as a mentor',
      greeting: greet('en', params.firstName),
      paragraphs: [
        `Thank you for offering your time as a mentor at ${hubName}.`,
        'Next step: read and sign the mentor charter in your space. Then a coordinator reviews your application.',
      ],
      action: { label: 'Open my space', url: params.link },
      afterAction: [`This link works once, for ${describeDuration('en', params.validMinutes)}.`],
    }),
  },
});

/** A coordinator approved a mentor: they can now be proposed tandems. */
export const mentorApprovedEmail = defineEmailTemplate({
  name: 'mentor_approved',
  params: greetingParams,
  write: {
    fr: (params, { hubName, publicUrl }) => ({
      subject: 'Votre candidature de mentor est acceptée',
      greeting: greet('fr', params.firstName),
      paragraphs: [
        `Bonne nouvelle : ${hubName} a validé votre candidature. Vous êtes maintenant mentor.`,
        'Nous vous écrirons dès qu’une personne pourra profiter de votre aide. Vous pouvez mettre votre profil en pause à tout moment.',
      ],
      action: { label: 'Voir mon profil', url: `${publicUrl}/connexion` },
    }),
    en: (params, { hubName, publicUrl }) => ({
      subject: 'Your mentor application is approved',
      greeting: greet('en', params.firstName),
      paragraphs: [
        `Good news: ${hubName} approved your application. You are now a mentor.`,
        'We will write to you as soon as someone can benefit from your help. You can pause your profile at any time.',
      ],
      action: { label: 'See my profile', url: `${publicUrl}/connexion` },
    }),
  },
});

/** A coordinator declined an application; no reason is given by e-mail. */
export const mentorApplicationDeclinedEmail = defineEmailTemplate({
  name: 'mentor_application_declined',
  params: greetingParams,
  write: {
    fr: (params, { hubName }) => ({
      subject: 'Votre candidature de mentor',
      greeting: greet('fr', params.firstName),
      paragraphs: [
        `Merci d’avoir proposé votre aide à ${hubName}.`,
        'Nous ne pouvons pas retenir votre candidature pour le moment. Pour en parler, répondez simplement à ce message.',
      ],
    }),
    en: (params, { hubName }) => ({
      subject: 'Your mentor application',
      greeting: greet('en', params.firstName),
      paragraphs: [
        `Thank you for offering your help to ${hubName}.`,
        'We cannot accept your application for now. To talk about it, simply reply to this message.',
      ],
    }),
  },
});

/** A mentor's pause is over: they are active again and may be proposed tandems. */
export const mentorPauseEndedEmail = defineEmailTemplate({
  name: 'mentor_pause_ended',
  params: greetingParams,
  write: {
    fr: (params, { publicUrl }) => ({
      subject: 'Votre pause de mentor est terminée',
      greeting: greet('fr', params.firstName),
      paragraphs: [
        'Votre pause est terminée : votre profil de mentor est de nouveau actif. Nous pourrons vous proposer de nouveaux tandems.',
        'Besoin de plus de temps ? Vous pouvez reprendre une pause depuis votre profil.',
      ],
      action: { label: 'Voir mon profil', url: `${publicUrl}/connexion` },
    }),
    en: (params, { publicUrl }) => ({
      subject: 'Your mentor pause is over',
      greeting: greet('en', params.firstName),
      paragraphs: [
        'Your pause is over: your mentor profile is active again. We may propose new tandems to you.',
        'Need more time? You can pause again from your profile.',
      ],
      action: { label: 'See my profile', url: `${publicUrl}/connexion` },
    }),
  },
});
