import type { MentorKind, PartnerKind, Track } from '../../domain/people.ts';

/**
 * Hand-picked reference values for the demo hub. Every code here exists in the built-in
 * reference data (INSEE communes and arrondissements of the Métropole d'Aix-Marseille-Provence,
 * EPCI 200054807; NAF rév. 2 sous-classes in dotted form) or in the ROME v4 (fiches métier,
 * validated by the schema's `^[A-N][0-9]{4}$` check). Nothing is read from disk at run time.
 */

/** A place with a weight: how often people of the demo live or work there. */
export type WeightedCommune = { code: string; label: string; weight: number };

/** Marseille's sixteen arrondissements (INSEE 13201–13216), weighted roughly by population. */
export const MARSEILLE_ARRONDISSEMENTS: readonly WeightedCommune[] = [
  { code: '13201', label: 'Marseille 1er', weight: 4 },
  { code: '13202', label: 'Marseille 2e', weight: 3 },
  { code: '13203', label: 'Marseille 3e', weight: 6 },
  { code: '13204', label: 'Marseille 4e', weight: 5 },
  { code: '13205', label: 'Marseille 5e', weight: 5 },
  { code: '13206', label: 'Marseille 6e', weight: 4 },
  { code: '13207', label: 'Marseille 7e', weight: 4 },
  { code: '13208', label: 'Marseille 8e', weight: 8 },
  { code: '13209', label: 'Marseille 9e', weight: 7 },
  { code: '13210', label: 'Marseille 10e', weight: 6 },
  { code: '13211', label: 'Marseille 11e', weight: 6 },
  { code: '13212', label: 'Marseille 12e', weight: 6 },
  { code: '13213', label: 'Marseille 13e', weight: 9 },
  { code: '13214', label: 'Marseille 14e', weight: 6 },
  { code: '13215', label: 'Marseille 15e', weight: 8 },
  { code: '13216', label: 'Marseille 16e', weight: 2 },
];

/** Other communes of the Métropole d'Aix-Marseille-Provence, weighted roughly by population. */
export const METROPOLE_COMMUNES: readonly WeightedCommune[] = [
  { code: '13001', label: 'Aix-en-Provence', weight: 14 },
  { code: '13005', label: 'Aubagne', weight: 5 },
  { code: '13056', label: 'Martigues', weight: 4 },
  { code: '13047', label: 'Istres', weight: 4 },
  { code: '13103', label: 'Salon-de-Provence', weight: 4 },
  { code: '13028', label: 'La Ciotat', weight: 4 },
  { code: '13117', label: 'Vitrolles', weight: 4 },
  { code: '13054', label: 'Marignane', weight: 3 },
  { code: '13063', label: 'Miramas', weight: 2 },
  { code: '13071', label: 'Les Pennes-Mirabeau', weight: 2 },
  { code: '13041', label: 'Gardanne', weight: 2 },
  { code: '13002', label: 'Allauch', weight: 2 },
  { code: '13077', label: 'Port-de-Bouc', weight: 1 },
  { code: '13039', label: 'Fos-sur-Mer', weight: 1 },
  { code: '13015', label: 'Bouc-Bel-Air', weight: 1 },
  { code: '13106', label: 'Septèmes-les-Vallons', weight: 1 },
  { code: '13075', label: 'Plan-de-Cuques', weight: 1 },
  { code: '13022', label: 'Cassis', weight: 1 },
];

/** A partner organisation of the demo and the people it refers. */
export type PartnerTemplate = {
  name: string;
  kind: PartnerKind;
  communeCode: string;
  address: string;
  referrers: number;
  /** Relative share of the hub's referrals. */
  referralWeight: number;
  /** Tracks of the people it refers, with weights. */
  tracks: readonly { value: Track; weight: number }[];
  ages: readonly [number, number];
};

const JOB = [{ value: 'job_search', weight: 1 }] as const satisfies PartnerTemplate['tracks'];
const CREATION = [
  { value: 'business_creation', weight: 3 },
  { value: 'business_growth', weight: 1 },
] as const satisfies PartnerTemplate['tracks'];
const MIXED = [
  { value: 'job_search', weight: 3 },
  { value: 'business_creation', weight: 1 },
] as const satisfies PartnerTemplate['tracks'];

/** The Entreprise Éphémère partner that runs the Work'Up Massilia programme. */
export const WORKUP_PARTNER_NAME = "Entreprise Éphémère pour l'Emploi – Work'Up Massilia";

/** The 34 partner organisations of the reference hub (some names are illustrative). */
export const PARTNER_TEMPLATES: readonly PartnerTemplate[] = [
  ...(
    [
      ['13203', '3e', '12 boulevard National'],
      ['13211', '11e', '41 boulevard de la Valbarelle'],
      ['13213', '13e', '4 avenue de Saint-Jérôme'],
      ['13215', '15e', '50 chemin de la Bigotte'],
    ] as const
  ).map(([communeCode, label, address]): PartnerTemplate => ({
    name: `Positive Planet France – Marseille ${label}`,
    kind: 'business_support',
    communeCode,
    address,
    referrers: 3,
    referralWeight: 6,
    tracks: CREATION,
    ages: [22, 55],
  })),
  {
    name: WORKUP_PARTNER_NAME,
    kind: 'insertion',
    communeCode: '13202',
    address: '10 place de la Joliette',
    referrers: 3,
    referralWeight: 0,
    tracks: JOB,
    ages: [20, 58],
  },
  {
    name: 'Apec Provence-Alpes-Côte d’Azur – Marseille',
    kind: 'employment_service',
    communeCode: '13202',
    address: '40 boulevard de Dunkerque',
    referrers: 3,
    referralWeight: 7,
    tracks: JOB,
    ages: [30, 58],
  },
  ...(
    [
      ['Mission locale de Marseille – Centre', '13201', '23 rue Vincent Scotto'],
      ['Mission locale de Marseille – Nord', '13215', '2 rue Jean Queillau'],
      ['Mission locale de Marseille – Est', '13211', '35 avenue de la Pomme'],
      ['Mission locale du Pays d’Aix', '13001', '25 boulevard Aristide Briand'],
      ['Mission locale Est Étang de Berre', '13117', 'Avenue de Marseille'],
      ['Mission locale Ouest Provence', '13047', '1 rue Émile Zola'],
      ['Mission locale du Pays salonais', '13103', '116 rue de la République'],
      ['Mission locale de La Ciotat', '13028', '7 rue Abbé de Fabre'],
    ] as const
  ).map(([name, communeCode, address]): PartnerTemplate => ({
    name,
    kind: 'mission_locale',
    communeCode,
    address,
    referrers: 2,
    referralWeight: 4,
    tracks: JOB,
    ages: [18, 25],
  })),
  ...(
    [
      ['France Travail – Marseille Belle de Mai', 'employment_service', '13203', JOB, 4],
      ['France Travail – Marseille Les Olives', 'employment_service', '13213', JOB, 3],
      ['France Travail – Aubagne', 'employment_service', '13005', JOB, 2],
      ['Cap emploi 13', 'employment_service', '13208', JOB, 2],
      ['PLIE Marseille Provence', 'public_body', '13202', JOB, 3],
      ['Maison de l’emploi de Marseille', 'public_body', '13201', MIXED, 2],
      ['Cité des métiers de Marseille', 'public_body', '13201', MIXED, 2],
      ['École de la deuxième chance de Marseille', 'insertion', '13215', JOB, 3],
      ['Régie de quartier Nord Littoral', 'insertion', '13216', JOB, 2],
      ['Chantier d’insertion Jardins de la Belle de Mai', 'insertion', '13203', JOB, 1],
      ['Association Sud Insertion Emploi', 'insertion', '13214', JOB, 2],
      ['Atelier d’insertion Recyclerie du Panier', 'insertion', '13202', JOB, 1],
      ['CIDFF des Bouches-du-Rhône', 'association', '13201', MIXED, 2],
      ['Centre social Saint-Louis', 'association', '13215', MIXED, 1],
      ['Talents des quartiers Provence', 'association', '13214', JOB, 2],
      ['Adie Marseille', 'business_support', '13201', CREATION, 4],
      ['BGE Sud – Marseille', 'business_support', '13206', CREATION, 3],
      ['Initiative Marseille Métropole', 'business_support', '13202', CREATION, 3],
      ['Couveuse d’entreprises Interface', 'business_support', '13205', CREATION, 2],
      ['Coopérative d’activité et d’emploi Provence', 'business_support', '13203', CREATION, 2],
    ] as const
  ).map(([name, kind, communeCode, tracks, referralWeight]): PartnerTemplate => ({
    name,
    kind,
    communeCode,
    address: '',
    referrers: referralWeight >= 3 ? 3 : 2,
    referralWeight,
    tracks,
    ages: kind === 'business_support' ? [22, 58] : [19, 60],
  })),
];

/** A mentor's job: gendered titles, ROME fiche, plausible NAF sectors. */
export type Profession = {
  kinds: readonly MentorKind[];
  titles: readonly [masculine: string, feminine: string];
  occupationCode: string;
  sectorCodes: readonly string[];
  tracks: readonly Track[];
  expertise: readonly string[];
};

/** Mentors' professions. Entrepreneurs run SMEs (ROME M1302) in many sectors. */
export const PROFESSIONS: readonly Profession[] = [
  {
    kinds: ['entrepreneur'],
    titles: ['Gérant d’une agence de communication', 'Gérante d’une agence de communication'],
    occupationCode: 'M1302',
    sectorCodes: ['73.11Z', '74.10Z', '59.11B'],
    tracks: ['business_creation', 'business_growth'],
    expertise: ['marketing', 'sales', 'digital', 'strategy'],
  },
  {
    kinds: ['entrepreneur'],
    titles: [
      'Fondateur d’une entreprise de services numériques',
      'Fondatrice d’une entreprise de services numériques',
    ],
    occupationCode: 'M1302',
    sectorCodes: ['62.01Z', '62.02A', '63.12Z'],
    tracks: ['business_creation', 'business_growth', 'job_search'],
    expertise: ['digital', 'strategy', 'financing', 'hr'],
  },
  {
    kinds: ['entrepreneur'],
    titles: ['Restaurateur', 'Restauratrice'],
    occupationCode: 'M1302',
    sectorCodes: ['56.10A', '56.10C', '56.21Z'],
    tracks: ['business_creation', 'business_growth'],
    expertise: ['accounting', 'sales', 'hr', 'legal'],
  },
  {
    kinds: ['entrepreneur'],
    titles: ['Commerçant', 'Commerçante'],
    occupationCode: 'D1301',
    sectorCodes: ['47.71Z', '47.29Z', '47.11B', '47.76Z'],
    tracks: ['business_creation', 'business_growth'],
    expertise: ['sales', 'marketing', 'accounting', 'financing'],
  },
  {
    kinds: ['entrepreneur'],
    titles: ['Chef d’entreprise du bâtiment', 'Cheffe d’entreprise du bâtiment'],
    occupationCode: 'M1302',
    sectorCodes: ['43.21A', '43.99C', '41.20A', '16.23Z'],
    tracks: ['business_creation', 'business_growth', 'job_search'],
    expertise: ['financing', 'legal', 'hr', 'sales'],
  },
  {
    kinds: ['entrepreneur'],
    titles: ['Consultant indépendant', 'Consultante indépendante'],
    occupationCode: 'M1402',
    sectorCodes: ['70.22Z', '85.59A'],
    tracks: ['business_creation', 'business_growth', 'job_search'],
    expertise: ['strategy', 'financing', 'confidence', 'network'],
  },
  {
    kinds: ['entrepreneur'],
    titles: ['Dirigeant d’une entreprise de transport', 'Dirigeante d’une entreprise de transport'],
    occupationCode: 'M1302',
    sectorCodes: ['49.41A', '49.41B', '52.29B', '50.10Z'],
    tracks: ['business_creation', 'business_growth'],
    expertise: ['financing', 'hr', 'legal', 'strategy'],
  },
  {
    kinds: ['entrepreneur'],
    titles: ['Gérant d’agence immobilière', 'Gérante d’agence immobilière'],
    occupationCode: 'C1501',
    sectorCodes: ['68.31Z'],
    tracks: ['business_creation', 'business_growth'],
    expertise: ['sales', 'legal', 'network', 'financing'],
  },
  {
    kinds: ['executive', 'retired'],
    titles: ['Directeur administratif et financier', 'Directrice administrative et financière'],
    occupationCode: 'M1205',
    sectorCodes: ['30.11Z', '35.11Z', '64.19Z', '52.29B', '70.22Z'],
    tracks: ['business_growth', 'business_creation', 'job_search'],
    expertise: ['financing', 'accounting', 'strategy', 'legal'],
  },
  {
    kinds: ['executive', 'retired'],
    titles: ['Directeur des ressources humaines', 'Directrice des ressources humaines'],
    occupationCode: 'M1503',
    sectorCodes: ['30.11Z', '86.10Z', '46.90Z', '84.11Z', '49.41A'],
    tracks: ['job_search', 'business_growth'],
    expertise: ['hr', 'cv_interviews', 'career_change', 'network'],
  },
  {
    kinds: ['executive'],
    titles: ['Responsable marketing', 'Responsable marketing'],
    occupationCode: 'M1705',
    sectorCodes: ['58.21Z', '47.91B', '73.11Z', '55.10Z'],
    tracks: ['job_search', 'business_creation', 'business_growth'],
    expertise: ['marketing', 'digital', 'sales', 'strategy'],
  },
  {
    kinds: ['executive'],
    titles: ['Directeur commercial', 'Directrice commerciale'],
    occupationCode: 'M1707',
    sectorCodes: ['46.90Z', '64.19Z', '66.22Z', '50.10Z'],
    tracks: ['job_search', 'business_creation', 'business_growth'],
    expertise: ['sales', 'network', 'confidence', 'strategy'],
  },
  {
    kinds: ['executive'],
    titles: ['Directeur des systèmes d’information', 'Directrice des systèmes d’information'],
    occupationCode: 'M1803',
    sectorCodes: ['62.02A', '35.11Z', '64.19Z'],
    tracks: ['job_search', 'business_growth'],
    expertise: ['digital', 'strategy', 'hr', 'career_change'],
  },
  {
    kinds: ['executive', 'retired'],
    titles: ['Ingénieur en construction navale', 'Ingénieure en construction navale'],
    occupationCode: 'H1206',
    sectorCodes: ['30.11Z', '71.12B'],
    tracks: ['job_search'],
    expertise: ['career_change', 'cv_interviews', 'network', 'confidence'],
  },
  {
    kinds: ['executive'],
    titles: ['Responsable logistique', 'Responsable logistique'],
    occupationCode: 'N1301',
    sectorCodes: ['52.10B', '52.29B', '49.41A'],
    tracks: ['job_search', 'business_growth'],
    expertise: ['strategy', 'hr', 'cv_interviews', 'network'],
  },
  {
    kinds: ['executive'],
    titles: ['Contrôleur de gestion', 'Contrôleuse de gestion'],
    occupationCode: 'M1204',
    sectorCodes: ['86.10Z', '30.11Z', '46.90Z'],
    tracks: ['job_search', 'business_creation'],
    expertise: ['accounting', 'financing', 'cv_interviews'],
  },
  {
    kinds: ['employee'],
    titles: ['Comptable', 'Comptable'],
    occupationCode: 'M1203',
    sectorCodes: ['69.20Z', '64.19Z', '88.10A'],
    tracks: ['job_search', 'business_creation'],
    expertise: ['accounting', 'financing', 'legal'],
  },
  {
    kinds: ['employee'],
    titles: ['Conseiller de clientèle bancaire', 'Conseillère de clientèle bancaire'],
    occupationCode: 'C1206',
    sectorCodes: ['64.19Z'],
    tracks: ['job_search', 'business_creation'],
    expertise: ['financing', 'accounting', 'confidence'],
  },
  {
    kinds: ['employee'],
    titles: ['Développeur', 'Développeuse'],
    occupationCode: 'M1805',
    sectorCodes: ['62.01Z', '58.21Z', '63.12Z'],
    tracks: ['job_search'],
    expertise: ['digital', 'cv_interviews', 'career_change'],
  },
  {
    kinds: ['employee'],
    titles: ['Infirmier', 'Infirmière'],
    occupationCode: 'J1506',
    sectorCodes: ['86.10Z', '86.90D'],
    tracks: ['job_search'],
    expertise: ['cv_interviews', 'confidence', 'career_change'],
  },
  {
    kinds: ['employee'],
    titles: ['Formateur pour adultes', 'Formatrice pour adultes'],
    occupationCode: 'K2111',
    sectorCodes: ['85.59A', '85.59B'],
    tracks: ['job_search', 'business_creation'],
    expertise: ['confidence', 'cv_interviews', 'career_change', 'network'],
  },
  {
    kinds: ['employee'],
    titles: ['Agent de transit maritime', 'Agente de transit maritime'],
    occupationCode: 'N1202',
    sectorCodes: ['52.29B', '50.10Z'],
    tracks: ['job_search'],
    expertise: ['cv_interviews', 'network', 'career_change'],
  },
  {
    kinds: ['employee'],
    titles: ['Assistant commercial', 'Assistante commerciale'],
    occupationCode: 'D1401',
    sectorCodes: ['46.90Z', '47.91B', '55.10Z'],
    tracks: ['job_search'],
    expertise: ['sales', 'cv_interviews', 'confidence'],
  },
  {
    kinds: ['employee'],
    titles: ['Designer graphique', 'Designer graphique'],
    occupationCode: 'E1205',
    sectorCodes: ['74.10Z', '73.11Z', '18.12Z'],
    tracks: ['job_search', 'business_creation'],
    expertise: ['digital', 'marketing', 'confidence'],
  },
  {
    kinds: ['employee'],
    titles: ['Conseiller en insertion professionnelle', 'Conseillère en insertion professionnelle'],
    occupationCode: 'K1801',
    sectorCodes: ['88.10A', '94.99Z', '84.11Z'],
    tracks: ['job_search'],
    expertise: ['cv_interviews', 'confidence', 'career_change', 'network'],
  },
  {
    kinds: ['recruiter'],
    titles: ['Chargé de recrutement', 'Chargée de recrutement'],
    occupationCode: 'M1502',
    sectorCodes: ['78.10Z', '46.90Z', '86.10Z'],
    tracks: ['job_search'],
    expertise: ['cv_interviews', 'network', 'confidence', 'hr'],
  },
];

/** Jobs that job seekers of the demo look for (ROME fiches). */
export const TARGET_OCCUPATIONS: readonly { code: string; label: string; senior: boolean }[] = [
  { code: 'D1106', label: 'Vendeur en épicerie', senior: false },
  { code: 'D1214', label: 'Vendeur en prêt-à-porter', senior: false },
  { code: 'G1602', label: 'Commis de cuisine', senior: false },
  { code: 'G1803', label: 'Serveur en restauration', senior: false },
  { code: 'J1501', label: 'Aide-soignant', senior: false },
  { code: 'K1302', label: 'Assistant de vie', senior: false },
  { code: 'N1103', label: 'Préparateur de commandes', senior: false },
  { code: 'N4101', label: 'Conducteur de poids lourd', senior: false },
  { code: 'N4105', label: 'Conducteur-livreur', senior: false },
  { code: 'M1607', label: 'Secrétaire', senior: false },
  { code: 'M1203', label: 'Comptable', senior: false },
  { code: 'M1805', label: 'Développeur informatique', senior: false },
  { code: 'D1401', label: 'Assistant commercial', senior: false },
  { code: 'K2204', label: 'Agent de nettoyage', senior: false },
  { code: 'F1602', label: 'Électricien du bâtiment', senior: false },
  { code: 'F1703', label: 'Maçon', senior: false },
  { code: 'A1203', label: 'Agent d’entretien des espaces verts', senior: false },
  { code: 'N1202', label: 'Agent de transit', senior: false },
  { code: 'E1101', label: 'Community manager', senior: false },
  { code: 'E1205', label: 'Designer graphique', senior: false },
  { code: 'G1201', label: 'Guide-accompagnateur', senior: false },
  { code: 'K1801', label: 'Conseiller en insertion professionnelle', senior: false },
  { code: 'M1205', label: 'Directeur administratif et financier', senior: true },
  { code: 'M1503', label: 'Directeur des ressources humaines', senior: true },
  { code: 'M1705', label: 'Responsable marketing', senior: true },
  { code: 'M1707', label: 'Responsable commercial', senior: true },
  { code: 'M1801', label: 'Administrateur de systèmes d’information', senior: true },
  { code: 'M1204', label: 'Contrôleur de gestion', senior: true },
  { code: 'N1301', label: 'Responsable logistique', senior: true },
  { code: 'H1502', label: 'Responsable qualité en industrie', senior: true },
];

/** Business projects of the demo's entrepreneurs, with their NAF sous-classe. */
export const BUSINESS_PROJECTS: readonly { project: string; sectorCode: string }[] = [
  { project: 'Food truck de cuisine méditerranéenne sur le Vieux-Port', sectorCode: '56.10C' },
  { project: 'Boutique de prêt-à-porter éthique au Panier', sectorCode: '47.71Z' },
  { project: 'Entreprise de nettoyage écologique pour les bureaux', sectorCode: '81.21Z' },
  { project: 'Salon de coiffure afro à Noailles', sectorCode: '96.02A' },
  { project: 'Boulangerie-pâtisserie orientale', sectorCode: '10.71C' },
  { project: 'Auto-école solidaire dans les quartiers Nord', sectorCode: '85.53Z' },
  { project: 'Service d’aide à domicile pour les personnes âgées', sectorCode: '88.10A' },
  { project: 'Studio de design graphique pour les commerces', sectorCode: '74.10Z' },
  { project: 'Application de covoiturage entre voisins', sectorCode: '62.01Z' },
  { project: 'Agence événementielle spécialisée dans les mariages', sectorCode: '82.30Z' },
  { project: 'Épicerie fine de produits provençaux', sectorCode: '47.29Z' },
  { project: 'Entreprise de rénovation énergétique', sectorCode: '43.21A' },
  { project: 'Livraison du dernier kilomètre en vélo-cargo', sectorCode: '49.41B' },
  { project: 'Ateliers de formation au numérique pour les seniors', sectorCode: '85.59A' },
  { project: 'Vente en ligne de cosmétiques naturels', sectorCode: '47.91B' },
  { project: 'Conciergerie d’entreprise', sectorCode: '96.09Z' },
  { project: 'Location de bateaux électriques aux Goudes', sectorCode: '77.34Z' },
  { project: 'Traiteur de cuisine comorienne', sectorCode: '56.21Z' },
  { project: 'Micro-crèche bilingue', sectorCode: '88.91A' },
  { project: 'Salle de sport de quartier', sectorCode: '93.13Z' },
  { project: 'Atelier de photographie et de portrait', sectorCode: '74.20Z' },
  { project: 'Garage de réparation automobile', sectorCode: '45.20A' },
  { project: 'Création de bijoux artisanaux', sectorCode: '32.12Z' },
  { project: 'Menuiserie sur mesure', sectorCode: '16.23Z' },
];

/** Other languages than French heard in the hub (ISO 639-1). */
export const OTHER_LANGUAGES: readonly { value: string; weight: number }[] = [
  { value: 'en', weight: 10 },
  { value: 'ar', weight: 8 },
  { value: 'es', weight: 4 },
  { value: 'it', weight: 3 },
  { value: 'pt', weight: 1 },
  { value: 'tr', weight: 1 },
  { value: 'ro', weight: 1 },
  { value: 'uk', weight: 1 },
];

/** Education levels, as the demo records them (free text in the schema). */
export const EDUCATION_LEVELS: readonly { value: string; weight: number }[] = [
  { value: 'sans_diplome', weight: 2 },
  { value: 'cap_bep', weight: 3 },
  { value: 'bac', weight: 4 },
  { value: 'bac_plus_2', weight: 3 },
  { value: 'bac_plus_3', weight: 2 },
  { value: 'bac_plus_5', weight: 2 },
];

/** Where tandems meet in person. */
export const MEETING_PLACES: readonly string[] = [
  'CCI Aix-Marseille-Provence – Palais de la Bourse',
  'Café du Vieux-Port',
  'Bibliothèque de l’Alcazar',
  'Les Docks Village, Joliette',
  'Tiers-lieu de la Friche la Belle de Mai',
  'Locaux du partenaire',
  'Bureaux du mentor',
  'Espace de coworking, rue de la République',
  'Terrasse de la Villa Méditerranée',
  'Café du cours Julien',
];

/** What tandems talk about, by track. */
export const MEETING_TOPICS: Readonly<Record<Track, readonly string[]>> = {
  job_search: [
    'CV',
    'lettre de motivation',
    'préparation d’entretien',
    'réseau professionnel',
    'profil LinkedIn',
    'projet professionnel',
    'offres ciblées',
    'confiance en soi',
  ],
  business_creation: [
    'business plan',
    'étude de marché',
    'prévisionnel financier',
    'statut juridique',
    'recherche de financement',
    'premiers clients',
    'prix de vente',
    'communication',
  ],
  business_growth: [
    'trésorerie',
    'recrutement',
    'développement commercial',
    'organisation',
    'prêt bancaire',
    'nouveaux marchés',
    'gestion du temps',
  ],
};

/** Goals a tandem sets itself, by track. */
export const GOAL_TITLES: Readonly<Record<Track, readonly string[]>> = {
  job_search: [
    'Mettre à jour le CV',
    'Envoyer dix candidatures ciblées',
    'Préparer un entretien d’embauche',
    'Rencontrer trois professionnels du métier visé',
    'Compléter le profil LinkedIn',
    'S’inscrire à une formation qualifiante',
  ],
  business_creation: [
    'Finaliser le business plan',
    'Réaliser l’étude de marché',
    'Choisir le statut juridique',
    'Obtenir un prêt d’honneur',
    'Trouver un local',
    'Signer les premiers clients',
  ],
  business_growth: [
    'Établir un plan de trésorerie',
    'Recruter un premier salarié',
    'Négocier un prêt bancaire',
    'Lancer une offre en ligne',
    'Prospecter un nouveau marché',
  ],
};

/** Why a side declines a proposal. */
export const DECLINE_REASONS: readonly string[] = [
  'Indisponible ces prochains mois',
  'Projet trop éloigné de mon expérience',
  'Distance trop importante',
  'A trouvé un emploi entre-temps',
  'Souhaite un mentor du même secteur',
];

/** What a coordinator notes on a tandem. */
export const COORDINATOR_NOTES: readonly string[] = [
  'Bon démarrage : le binôme se voit toutes les deux semaines.',
  'Appel au mentor : il souhaite davantage de visibilité sur le projet.',
  'Point téléphonique avec la mentorée, très satisfaite de l’accompagnement.',
  'Relance faite après un mois sans rencontre.',
  'Le mentor propose de présenter son réseau bancaire.',
  'Rencontre tripartite prévue avec la référente du partenaire.',
  'Objectifs redéfinis après le point à trois mois.',
  'Le binôme souhaite prolonger de deux mois.',
];

/** What a referrer notes on a person they follow. */
export const REFERRER_NOTES: readonly string[] = [
  'Très motivée, disponible en semaine uniquement.',
  'A besoin d’être rassuré sur ses capacités : prévoir un mentor bienveillant.',
  'Projet solide, financement en cours auprès de la banque.',
  'Mobilité réduite : privilégier les rencontres à distance.',
  'Suivi renforcé : situation personnelle difficile.',
  'Formation qualifiante terminée en juin.',
];

/** Check-in comments, from the most to the least satisfied. */
export const CHECK_IN_COMMENTS: readonly string[] = [
  'Les échanges sont très riches, merci !',
  'Mon mentor m’aide beaucoup à prendre confiance.',
  'Bonne dynamique, nous avançons bien.',
  'Rencontres un peu espacées ces dernières semaines.',
  'Difficile de trouver des créneaux communs.',
];

/** Why a tandem ended early, as the person who ended it put it. */
export const END_COMMENTS: readonly string[] = [
  'Le mentoré a déménagé hors de la Métropole.',
  'Contraintes professionnelles du mentor.',
  'Attentes trop différentes de part et d’autre.',
  'Plus de nouvelles malgré plusieurs relances.',
  'La mentorée a signé un CDI avant la fin du parcours.',
];
