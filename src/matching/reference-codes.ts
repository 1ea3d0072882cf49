import type { AvailabilitySlot, MentorKind, Need, Track } from '../domain/people.ts';

/** ROME grands domaines (France Travail, ROME v4, public nomenclature). */
export const ROME_GRAND_DOMAINES: Readonly<Record<string, string>> = {
  A: 'agriculture et pêche, espaces naturels et espaces verts, soins aux animaux',
  B: "arts et façonnage d'ouvrages d'art",
  C: 'banque, assurance, immobilier',
  D: 'commerce, vente et grande distribution',
  E: 'communication, média et multimédia',
  F: 'construction, bâtiment et travaux publics',
  G: 'hôtellerie-restauration, tourisme, loisirs et animation',
  H: 'industrie',
  I: 'installation et maintenance',
  J: 'santé',
  K: 'services à la personne et à la collectivité',
  L: 'spectacle',
  M: "support à l'entreprise",
  N: 'transport et logistique',
};

/** NAF rév. 2 sections with their divisions as inclusive ranges (INSEE, public nomenclature). */
const NAF_SECTIONS: readonly [string, number, number, string][] = [
  ['A', 1, 3, 'agriculture, sylviculture et pêche'],
  ['B', 5, 9, 'industries extractives'],
  ['C', 10, 33, 'industrie manufacturière'],
  ['D', 35, 35, "production et distribution d'électricité, de gaz, de vapeur et d'air conditionné"],
  [
    'E',
    36,
    39,
    "production et distribution d'eau, assainissement, gestion des déchets et dépollution",
  ],
  ['F', 41, 43, 'construction'],
  ['G', 45, 47, "commerce, réparation d'automobiles et de motocycles"],
  ['H', 49, 53, 'transports et entreposage'],
  ['I', 55, 56, 'hébergement et restauration'],
  ['J', 58, 63, 'information et communication'],
  ['K', 64, 66, "activités financières et d'assurance"],
  ['L', 68, 68, 'activités immobilières'],
  ['M', 69, 75, 'activités spécialisées, scientifiques et techniques'],
  ['N', 77, 82, 'activités de services administratifs et de soutien'],
  ['O', 84, 84, 'administration publique'],
  ['P', 85, 85, 'enseignement'],
  ['Q', 86, 88, 'santé humaine et action sociale'],
  ['R', 90, 93, 'arts, spectacles et activités récréatives'],
  ['S', 94, 96, 'autres activités de services'],
  ['T', 97, 98, "activités des ménages en tant qu'employeurs"],
  ['U', 99, 99, 'activités extra-territoriales'],
];

/** Section letter of a NAF code (`62.01Z`, `62.0`, `62` or the letter itself). */
export function findNafSection(code: string): string | undefined {
  if (/^[A-U]$/.test(code)) return code;
  const division = Number(code.slice(0, 2));
  return NAF_SECTIONS.find(([, first, last]) => division >= first && division <= last)?.[0];
}

/** French label of a NAF section letter. */
export function labelNafSection(section: string): string | undefined {
  return NAF_SECTIONS.find(([letter]) => letter === section)?.[3];
}

/**
 * The NAF hierarchy of a code, finest first: sous-classe `62.01Z`, classe `62.01`, groupe
 * `62.0`, division `62`, section `J` (levels missing from a coarser code are skipped).
 */
export function listNafLevels(code: string): { level: NafLevel; code: string }[] {
  const levels: { level: NafLevel; code: string }[] = [];
  if (/^\d{2}\.\d{2}[A-Z]$/.test(code)) levels.push({ level: 'sous-classe', code });
  if (/^\d{2}\.\d{2}/.test(code)) levels.push({ level: 'classe', code: code.slice(0, 5) });
  if (/^\d{2}\.\d/.test(code)) levels.push({ level: 'groupe', code: code.slice(0, 4) });
  if (/^\d{2}/.test(code)) levels.push({ level: 'division', code: code.slice(0, 2) });
  const section = findNafSection(code);
  if (section) levels.push({ level: 'section', code: section });
  return levels;
}

export type NafLevel = 'sous-classe' | 'classe' | 'groupe' | 'division' | 'section';

/** Département of an INSEE commune code (2A/2B for Corsica, three digits overseas). */
export function findDepartement(communeCode: string): string {
  return communeCode.startsWith('97') ? communeCode.slice(0, 3) : communeCode.slice(0, 2);
}

export const NEED_LABELS: Readonly<Record<Need, string>> = {
  financing: 'financement',
  sales: 'commercial',
  marketing: 'marketing',
  legal: 'juridique',
  accounting: 'comptabilité',
  hr: 'ressources humaines',
  digital: 'numérique',
  cv_interviews: 'CV et entretiens',
  network: 'réseau',
  career_change: 'reconversion',
  strategy: 'stratégie',
  confidence: 'confiance en soi',
};

export const TRACK_LABELS: Readonly<Record<Track, string>> = {
  job_search: "une recherche d'emploi",
  business_creation: "une création d'entreprise",
  business_growth: "le développement d'une jeune entreprise",
};

export const MENTOR_KIND_LABELS: Readonly<Record<MentorKind, string>> = {
  entrepreneur: 'entrepreneur·e',
  executive: 'cadre dirigeant·e',
  employee: 'salarié·e',
  recruiter: 'recruteur·se',
  retired: 'retraité·e',
};

const DAY_LABELS: Readonly<Record<string, string>> = {
  mon: 'lundi',
  tue: 'mardi',
  wed: 'mercredi',
  thu: 'jeudi',
  fri: 'vendredi',
  sat: 'samedi',
};
const PART_LABELS: Readonly<Record<string, string>> = {
  am: 'matin',
  pm: 'après-midi',
  eve: 'soir',
};

/** « lundi matin » for `mon_am`. */
export function labelSlot(slot: AvailabilitySlot): string {
  const [day, part] = slot.split('_') as [string, string];
  return `${DAY_LABELS[day]} ${PART_LABELS[part]}`;
}

export const LANGUAGE_LABELS: Readonly<Record<string, string>> = {
  fr: 'français',
  en: 'anglais',
  ar: 'arabe',
  es: 'espagnol',
  it: 'italien',
  de: 'allemand',
  pt: 'portugais',
  tr: 'turc',
  ru: 'russe',
  zh: 'chinois',
  wo: 'wolof',
  ber: 'berbère',
};
