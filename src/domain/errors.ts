/**
 * The one error catalogue. Every failure the product reports has a stable code, an HTTP
 * status for the edge, and a French message for people. Services throw `AppError`; the HTTP
 * layer maps it in one place and never shows the details of anything else.
 */
export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, message: 'Certaines informations sont invalides.' },
  not_found: { status: 404, message: 'Élément introuvable.' },
  unauthenticated: { status: 401, message: 'Veuillez vous connecter.' },
  forbidden: { status: 403, message: 'Vous n’avez pas accès à cette ressource.' },
  conflict: {
    status: 409,
    message: 'Cette opération entre en conflit avec des données existantes.',
  },
  mentor_at_capacity: {
    status: 409,
    message: 'Ce mentor accompagne déjà autant de tandems que sa capacité le permet.',
  },
  mentee_already_in_tandem: {
    status: 409,
    message: 'Cette personne a déjà un tandem en cours dans ce programme.',
  },
  email_taken: { status: 409, message: 'Cette adresse e-mail est déjà utilisée.' },
  partner_name_taken: {
    status: 409,
    message: 'Une structure partenaire porte déjà ce nom.',
  },
  partner_unknown: { status: 400, message: 'Cette structure partenaire n’existe pas.' },
  partner_inactive: {
    status: 409,
    message: 'Cette structure partenaire est désactivée : elle ne peut plus orienter de personnes.',
  },
  referrer_unknown: {
    status: 400,
    message: 'Ce·tte référent·e n’appartient pas à cette structure partenaire.',
  },
  commune_unknown: { status: 400, message: 'Ce code commune est inconnu.' },
  sector_unknown: { status: 400, message: 'Ce code de secteur d’activité (NAF) est inconnu.' },
  invalid_transition: {
    status: 409,
    message: 'Cette action n’est pas possible dans l’état actuel du profil.',
  },
  capacity_below_current_tandems: {
    status: 409,
    message: 'La capacité ne peut pas être inférieure au nombre de tandems en cours.',
  },
  default_program_locked: {
    status: 409,
    message:
      'Le parcours général ne peut être ni supprimé, ni désactivé, ni réservé à un partenaire.',
  },
  program_in_use: {
    status: 409,
    message:
      'Ce programme a déjà des inscrit·es, des tandems ou des appariements : désactivez-le plutôt que de le supprimer.',
  },
  cohort_name_taken: {
    status: 409,
    message: 'Ce programme a déjà une promotion de ce nom.',
  },
  cohort_dates_invalid: {
    status: 400,
    message: 'La date de fin d’une promotion ne peut pas précéder sa date de début.',
  },
  not_a_mentor: { status: 400, message: 'Cette personne n’a pas de profil mentor.' },
  database_not_empty: {
    status: 409,
    message:
      'La base contient déjà des données : la démonstration ne peut être chargée que dans une base vide.',
  },
  reference_file_invalid: { status: 400, message: 'Le fichier de référence est invalide.' },
  sign_in_link_invalid: {
    status: 400,
    message: 'Ce lien de connexion n’est plus valable. Demandez-en un nouveau.',
  },
  sign_in_failed: { status: 401, message: 'Adresse e-mail ou mot de passe incorrect.' },
  account_locked: {
    status: 429,
    message:
      'Trop de tentatives. Réessayez dans quelques minutes ou utilisez un lien de connexion.',
  },
  account_disabled: { status: 403, message: 'Ce compte est désactivé.' },
  password_too_weak: {
    status: 400,
    message: 'Le mot de passe doit contenir au moins 12 caractères.',
  },
  csrf_token_invalid: {
    status: 403,
    message: 'La page a expiré. Rechargez-la puis réessayez.',
  },
  rate_limited: { status: 429, message: 'Trop de demandes. Réessayez dans une minute.' },
  tandem_transition_invalid: {
    status: 409,
    message: 'Cette action n’est pas possible à ce stade du tandem.',
  },
  proposal_already_answered: {
    status: 409,
    message: 'Vous avez déjà répondu à cette proposition de tandem.',
  },
  proposal_closed: {
    status: 409,
    message: 'Cette proposition de tandem n’est plus ouverte (refusée, expirée ou retirée).',
  },
  round_not_staged: {
    status: 409,
    message: 'Ce tour d’appariement est déjà publié ou annulé : il ne peut plus être modifié.',
  },
  pair_not_allowed: {
    status: 409,
    message:
      'Ce binôme n’est pas possible : le mentor n’est pas disponible ou une règle l’interdit.',
  },
  check_in_already_answered: {
    status: 409,
    message: 'Vous avez déjà répondu à ce point de suivi : merci !',
  },
  alert_already_resolved: {
    status: 409,
    message: 'Cette alerte a déjà été traitée.',
  },
  action_link_invalid: {
    status: 400,
    message: 'Ce lien n’est pas valable. Vérifiez qu’il a été copié en entier.',
  },
  action_link_expired: {
    status: 410,
    message: 'Ce lien a expiré. Connectez-vous à Tandem pour continuer.',
  },
  action_link_used: {
    status: 409,
    message: 'Ce lien a déjà été utilisé : rien n’a été modifié.',
  },
  service_unavailable: { status: 503, message: 'Le service est momentanément indisponible.' },
  internal_error: { status: 500, message: 'Une erreur interne est survenue.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A failure the product knows how to explain. `details` is safe to show to the caller. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

/** Whether a value is an `AppError` with the given code. */
export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}
