import { z } from 'zod';
import { ROLES } from '../../../domain/people.ts';
import { defineEmailTemplate, describeDuration, greet } from './define-email-template.ts';
import { linkParams } from './link-params.ts';

/** The link someone asked for on the sign-in page. */
export const signInLinkEmail = defineEmailTemplate({
  name: 'sign_in_link',
  params: linkParams,
  write: {
    fr: (params, { hubName }) => ({
      subject: `Votre lien de connexion à ${hubName}`,
      greeting: greet('fr', params.firstName),
      paragraphs: ['Vous avez demandé à vous connecter. Cliquez sur le bouton :'],
      action: { label: 'Me connecter', url: params.link },
      afterAction: [
        `Ce lien marche une seule fois, pendant ${describeDuration('fr', params.validMinutes)}.`,
        'Vous n’avez rien demandé ? Ignorez ce message : personne ne peut se connecter sans ce lien.',
      ],
    }),
    en: (params, { hubName }) => ({
      subject: `Your sign-in link for ${hubName}`,
      greeting: greet('en', params.firstName),
      paragraphs: ['You asked to sign in. Click the button:'],
      action: { label: 'Sign in', url: params.link },
      afterAction: [
        `This link works once, for ${describeDuration('en', params.validMinutes)}.`,
        'Did not ask for it? Ignore this message: nobody can sign in without this link.',
      ],
    }),
  },
});

const ROLE_WORDS = {
  fr: {
    admin: 'administrateur·rice',
    coordinator: 'chargé·e de mission',
    referrer: 'référent·e',
    mentor: 'mentor',
    mentee: 'mentoré·e',
  },
  en: {
    admin: 'administrator',
    coordinator: 'coordinator',
    referrer: 'referrer',
    mentor: 'mentor',
    mentee: 'mentee',
  },
} as const;

/** A staff member invites someone to an account with a role. */
export const invitationEmail = defineEmailTemplate({
  name: 'invitation',
  params: linkParams.extend({ role: z.enum(ROLES) }),
  write: {
    fr: (params, { hubName }) => ({
      subject: `Votre compte sur ${hubName}`,
      greeting: greet('fr', params.firstName),
      paragraphs: [
        `Un compte a été créé pour vous sur ${hubName}, en tant que ${ROLE_WORDS.fr[params.role]}.`,
        'Pour l’ouvrir, cliquez sur le bouton :',
      ],
      action: { label: 'Ouvrir mon compte', url: params.link },
      afterAction: [
        `Ce lien marche une seule fois, pendant ${describeDuration('fr', params.validMinutes)}. Ensuite, vous pourrez demander un nouveau lien sur la page de connexion.`,
      ],
    }),
    en: (params, { hubName }) => ({
      subject: `Your account on ${hubName}`,
      greeting: greet('en', params.firstName),
      paragraphs: [
        `An account was created for you on ${hubName}, as ${ROLE_WORDS.en[params.role]}.`,
        'To open it, click the button:',
      ],
      action: { label: 'Open my account', url: params.link },
      afterAction: [
        `This link works once, for ${describeDuration('en', params.validMinutes)}. After that, you can ask for a new link on the sign-in page.`,
      ],
    }),
  },
});
