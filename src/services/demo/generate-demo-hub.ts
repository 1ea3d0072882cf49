import { Faker, base, fr } from '@faker-js/faker';
import type {
  AlertRow,
  CheckInRow,
  HubRows,
  MeetingRow,
  PartnerRow,
  TandemRow,
  UserRow,
} from '../../db/repositories/demo-repository.ts';
import {
  AVAILABILITY_SLOTS,
  NEEDS,
  type BusinessStage,
  type Gender,
  type MeetingMode,
  type MenteeStatus,
  type MentorKind,
  type MentorStatus,
  type Role,
  type Track,
} from '../../domain/people.ts';
import type { EndReason, OutcomeKind, TandemStatus } from '../../domain/tandems.ts';
import {
  BUSINESS_PROJECTS,
  CHECK_IN_COMMENTS,
  COORDINATOR_NOTES,
  DECLINE_REASONS,
  EDUCATION_LEVELS,
  END_COMMENTS,
  GOAL_TITLES,
  MARSEILLE_ARRONDISSEMENTS,
  MEETING_PLACES,
  MEETING_TOPICS,
  METROPOLE_COMMUNES,
  OTHER_LANGUAGES,
  PARTNER_TEMPLATES,
  PROFESSIONS,
  REFERRER_NOTES,
  TARGET_OCCUPATIONS,
  WORKUP_PARTNER_NAME,
  type PartnerTemplate,
  type Profession,
  type WeightedCommune,
} from './demo-catalogue.ts';

/**
 * The demo hub: a Marseille mentoring hub shaped like the CCI Aix-Marseille-Provence's.
 *
 * Figures (exact, and what `tandem stats` prints after `tandem demo`):
 * - 250 mentors (all statuses: active, paused, applied, charter signed, rejected, withdrawn),
 * - 600 mentees referred over the three years before the reference date,
 * - 34 partners,
 * - 150 tandems, i.e. every tandem row, in all seven statuses: 124 that got going
 *   (62 completed, 38 active, 8 accepted, 16 ended early) and 26 proposals that did not
 *   (10 still proposed, 9 declined, 7 expired). Eight of the declined or expired proposals
 *   were followed by another tandem for the same mentee, as happens when a hub re-matches.
 *
 * Determinism: every random choice comes from one seeded faker instance, every id from its
 * uuid generator and every date is the reference date (`asOf`, midnight UTC) plus a generated
 * offset. The same seed and the same `asOf` give exactly the same rows; another `asOf` gives
 * the same hub shifted in time, so the demo can look current on any day.
 */
export const DEMO_FIGURES = {
  mentors: 250,
  mentees: 600,
  partners: 34,
  tandems: 150,
  tandemsByState: {
    proposed: 10,
    accepted: 8,
    active: 38,
    completed: 62,
    ended_early: 16,
    declined: 9,
    expired: 7,
  },
} as const satisfies {
  mentors: number;
  mentees: number;
  partners: number;
  tandems: number;
  tandemsByState: Record<TandemStatus, number>;
};

/** The seed the CLI uses: any fixed number works, this one gives a pleasant cast. */
export const DEMO_SEED = 13_055;

/** Where every demo address lives: `.test` is reserved, so no mail can leave by mistake. */
export const DEMO_EMAIL_DOMAIN = 'demo.tandem.test';

/** The name of the Entreprise Éphémère programme of the demo. */
export const WORKUP_PROGRAM_NAME = "Work'Up Massilia";

/** Options of `generateDemoHub`. */
export type GenerateDemoHubOptions = {
  /** The reference date: midnight UTC of the day the demo is "as of". */
  asOf: Date;
  /** The hub's general programme, created when the database was prepared. */
  defaultProgramId: string;
  seed?: number;
};

/** A person to sign in as, to look at the demo through one role's eyes. */
export type DemoLogin = { role: Role; email: string; name: string; description: string };

/** The generated hub: rows ready to insert and one login per role. */
export type DemoHub = { rows: HubRows; logins: DemoLogin[] };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const PROGRAM_MONTHS = 6;
const PROGRAM_DAYS = 182;
const REPLY_DEADLINE_DAYS = 7;
const SILENT_ALERT_DAYS = 30;
const CHECK_IN_MONTHS = [1, 3, 6] as const;
const CONSENT_TEXT_VERSION = '2023-09';
const CHARTER_VERSION = '2023-09';

type Context = {
  f: Faker;
  asOf: Date;
  rows: HubRows;
  emails: Set<string>;
  coordinatorIds: string[];
};

type Partner = { id: string; template: PartnerTemplate; referrerIds: string[] };

type Mentor = {
  id: string;
  name: string;
  email: string;
  status: MentorStatus;
  kind: MentorKind;
  capacity: number;
  tracks: readonly Track[];
  communeCode: string;
  inMarseille: boolean;
  sectorCode: string;
  languages: string[];
  availability: string[];
  mode: MeetingMode;
  vettedDay: number | undefined;
  dedicated: boolean;
  /** Days (from, to) during which each of the mentor's tandems held or would hold a slot. */
  busy: { from: number; to: number }[];
};

type Mentee = {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  gender: Gender;
  birthYear: number;
  project: string | undefined;
  /** Set when an outcome records the business as created. */
  businessCreatedDay: number | undefined;
  partner: Partner;
  referrerId: string;
  track: Track;
  referredDay: number;
  communeCode: string;
  inMarseille: boolean;
  sectorCode: string | undefined;
  languages: string[];
  availability: string[];
  mode: MeetingMode;
  workUp: boolean;
  tandems: Plan[];
};

/** A tandem's story in days relative to the reference date (negative = past). */
type Plan = {
  id: string;
  status: TandemStatus;
  workUp: boolean;
  cohortIndex: number | undefined;
  proposedDay: number;
  /** Day both sides had accepted, one side declined, or the proposal expired. */
  decidedDay: number | undefined;
  startDay: number | undefined;
  endDay: number | undefined;
  endReason: EndReason | undefined;
  silent: boolean;
  /** A declined or expired proposal that the hub followed with this other plan. */
  followedBy: Plan | undefined;
  mentee: Mentee | undefined;
  mentor: Mentor | undefined;
};

/** Work'Up Massilia sessions: start day and what became of their tandems. */
const WORKUP_COHORTS: readonly {
  name: string;
  startDay: number;
  statuses: Partial<Record<TandemStatus, number>>;
}[] = [
  { name: 'Session 1', startDay: -880, statuses: { completed: 8, ended_early: 1 } },
  { name: 'Session 2', startDay: -520, statuses: { completed: 8, ended_early: 1, declined: 1 } },
  { name: 'Session 3', startDay: -60, statuses: { active: 8, accepted: 1, expired: 1 } },
];

const MENTOR_STATUS_COUNTS: Readonly<Record<MentorStatus, number>> = {
  active: 218,
  paused: 12,
  applied: 6,
  charter_signed: 4,
  rejected: 5,
  withdrawn: 5,
};
const DEDICATED_MENTORS = 20;
const PRIOR_PROPOSALS = { declined: 4, expired: 4 } as const;
const SILENT_TANDEMS = 5;

/**
 * Generates the demo hub as rows, without touching any database: pure and deterministic
 * given `seed` and `asOf` (see `DEMO_FIGURES` for what it holds).
 */
export function generateDemoHub(options: GenerateDemoHubOptions): DemoHub {
  const f = new Faker({ locale: [fr, base] });
  f.seed(options.seed ?? DEMO_SEED);
  const context: Context = {
    f,
    asOf: startOfUtcDay(options.asOf),
    rows: emptyRows(),
    emails: new Set(),
    coordinatorIds: [],
  };
  const admin = addStaff(context, 'admin');
  const coordinators = Array.from({ length: 4 }, () => addStaff(context, 'coordinator'));
  context.coordinatorIds = coordinators.map((coordinator) => coordinator.id);
  const partners = addPartners(context);
  const mentors = addMentors(context);
  const workUpPartner = partners.find((partner) => partner.template.name === WORKUP_PARTNER_NAME);
  if (!workUpPartner) throw new Error('the demo catalogue has no Work’Up partner');
  const workUp = addWorkUpProgram(context, workUpPartner, mentors);
  const plans = planTandems(context);
  const mentees = castTandems(context, plans, partners, workUpPartner, mentors);
  addOtherMentees(context, partners, mentees);
  // Tandems first: their outcomes tell whether a creator's business now exists.
  for (const plan of plans) addTandemRows(context, plan, options.defaultProgramId, workUp);
  for (const mentee of mentees) {
    addMenteeRows(context, mentee, options.defaultProgramId, workUp);
  }
  addAlertsForProposals(context, plans);
  return { rows: context.rows, logins: pickLogins(context, admin, coordinators[0], plans) };
}

function emptyRows(): HubRows {
  return {
    partners: [],
    users: [],
    mentorProfiles: [],
    menteeProfiles: [],
    consents: [],
    programs: [],
    cohorts: [],
    programMentors: [],
    enrolments: [],
    tandems: [],
    tandemStatusHistory: [],
    meetings: [],
    goals: [],
    checkIns: [],
    outcomes: [],
    alerts: [],
    notes: [],
    pairExclusions: [],
  };
}

/** Midnight UTC of the given instant's day. */
export function startOfUtcDay(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Time: every instant is the reference date plus whole days plus a time of day (UTC).

function at(context: Context, day: number, hour = 9, minute = 0): Date {
  return new Date(context.asOf.getTime() + day * DAY_MS + (hour * 60 + minute) * MINUTE_MS);
}

/** The day (relative to the reference date) an instant falls on. */
function dayOf(context: Context, instant: Date): number {
  return Math.floor((instant.getTime() - context.asOf.getTime()) / DAY_MS);
}

function dateOn(context: Context, day: number): string {
  return at(context, day, 0).toISOString().slice(0, 10);
}

/** A time of day during office hours, in quarter hours. */
function officeTime(f: Faker): [number, number] {
  return [f.number.int({ min: 7, max: 16 }), f.helpers.arrayElement([0, 15, 30, 45])];
}

function atOfficeTime(context: Context, day: number): Date {
  const [hour, minute] = officeTime(context.f);
  return at(context, day, hour, minute);
}

function int(f: Faker, min: number, max: number): number {
  return f.number.int({ min, max });
}

// ---------------------------------------------------------------------------------------------
// People

type Person = { id: string; name: string; email: string };

function newPerson(context: Context, gender: Gender): { first: string; last: string } {
  const { f } = context;
  const sex =
    gender === 'female' || gender === 'male' ? gender : f.helpers.arrayElement(['female', 'male']);
  return { first: f.person.firstName(sex), last: f.person.lastName() };
}

/** A unique, readable address: prenom.nom@, then prenom.nom2@… on a clash. */
function emailFor(context: Context, first: string, last: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const local = `${slug(first)}.${slug(last)}`;
  let email = `${local}@${DEMO_EMAIL_DOMAIN}`;
  for (let suffix = 2; context.emails.has(email); suffix += 1) {
    email = `${local}${suffix}@${DEMO_EMAIL_DOMAIN}`;
  }
  context.emails.add(email);
  return email;
}

function phoneNumber(f: Faker): string {
  const prefix = f.helpers.arrayElement(['06', '07', '04 91', '04 42']);
  const groups = prefix.length > 2 ? 3 : 4;
  return [prefix, ...Array.from({ length: groups }, () => f.string.numeric(2))].join(' ');
}

function addUser(
  context: Context,
  values: Omit<UserRow, 'id' | 'email' | 'firstName' | 'lastName'> & { gender?: Gender },
  email?: string,
): Person {
  const { gender = 'undisclosed', ...rest } = values;
  const { first, last } = newPerson(context, gender);
  const id = context.f.string.uuid();
  const address = email ?? emailFor(context, first, last);
  if (email) context.emails.add(email);
  context.rows.users.push({
    id,
    email: address,
    firstName: first,
    lastName: last,
    phone: phoneNumber(context.f),
    ...rest,
  });
  return { id, name: `${first} ${last}`, email: address };
}

function addStaff(context: Context, role: 'admin' | 'coordinator'): Person {
  const { f } = context;
  const createdDay = role === 'admin' ? -1130 : int(f, -1120, -400);
  return addUser(
    context,
    {
      role,
      status: 'active',
      gender: f.helpers.arrayElement(['female', 'male']),
      createdAt: at(context, createdDay),
      lastSignInAt: atOfficeTime(context, int(f, -5, -1)),
    },
    role === 'admin' ? `admin@${DEMO_EMAIL_DOMAIN}` : undefined,
  );
}

function weightedCommune(f: Faker, communes: readonly WeightedCommune[]): string {
  return f.helpers.weightedArrayElement(
    communes.map((commune) => ({ weight: commune.weight, value: commune.code })),
  );
}

const MARSEILLE_CODES = new Set(MARSEILLE_ARRONDISSEMENTS.map((commune) => commune.code));

function placeOfLiving(f: Faker, marseilleShare: number): string {
  return f.datatype.boolean(marseilleShare)
    ? weightedCommune(f, MARSEILLE_ARRONDISSEMENTS)
    : weightedCommune(f, METROPOLE_COMMUNES);
}

function otherLanguages(f: Faker, probability: number): string[] {
  const languages = ['fr'];
  for (let attempt = 0; attempt < 2 && f.datatype.boolean(probability); attempt += 1) {
    const language = f.helpers.weightedArrayElement(OTHER_LANGUAGES);
    if (!languages.includes(language)) languages.push(language);
  }
  return languages;
}

function availabilitySlots(f: Faker, min: number, max: number): string[] {
  const slots = f.helpers.arrayElements(AVAILABILITY_SLOTS, { min, max });
  return [...slots].sort((a, b) => AVAILABILITY_SLOTS.indexOf(a) - AVAILABILITY_SLOTS.indexOf(b));
}

function meetingMode(f: Faker): MeetingMode {
  return f.helpers.weightedArrayElement([
    { weight: 5, value: 'both' as const },
    { weight: 3, value: 'in_person' as const },
    { weight: 1, value: 'remote' as const },
  ]);
}

function addPartners(context: Context): Partner[] {
  const { f } = context;
  return PARTNER_TEMPLATES.map((template) => {
    const id = f.string.uuid();
    const createdDay = int(f, -1150, -200);
    const slug = template.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40);
    const row: PartnerRow = {
      id,
      name: template.name,
      kind: template.kind,
      communeCode: template.communeCode,
      address: template.address || `${int(f, 1, 120)} ${f.location.street()}`,
      email: `contact@${slug}.${DEMO_EMAIL_DOMAIN}`,
      phone: `04 91 ${f.string.numeric(2)} ${f.string.numeric(2)} ${f.string.numeric(2)}`,
      isActive: true,
      createdAt: at(context, createdDay),
    };
    context.rows.partners.push(row);
    // Referrers join with their organisation, or later when a colleague replaces them.
    const referrerIds = Array.from({ length: template.referrers }, (_, index) => {
      const joinedDay = index === 0 ? createdDay : int(f, createdDay, -30);
      return addUser(context, {
        role: 'referrer',
        partnerId: id,
        status: 'active',
        gender: f.helpers.weightedArrayElement([
          { weight: 3, value: 'female' as const },
          { weight: 1, value: 'male' as const },
        ]),
        createdAt: at(context, joinedDay),
        lastSignInAt: atOfficeTime(context, int(f, -20, -1)),
      }).id;
    });
    return { id, template, referrerIds };
  });
}

// ---------------------------------------------------------------------------------------------
// Mentors

const MENTOR_KIND_WEIGHTS: readonly { value: MentorKind; weight: number }[] = [
  { value: 'entrepreneur', weight: 35 },
  { value: 'executive', weight: 33 },
  { value: 'employee', weight: 24 },
  { value: 'recruiter', weight: 4 },
  { value: 'retired', weight: 4 },
];

const REJECTION_REASONS = [
  'Disponibilités insuffisantes pour un accompagnement régulier.',
  'Démarche commerciale incompatible avec la charte du mentor.',
  'Situation professionnelle en transition : candidature à renouveler plus tard.',
] as const;

function mentorBio(f: Faker, title: string, years: number, employer: string): string {
  return f.helpers.arrayElement([
    `${title} depuis ${years} ans, j’ai envie de transmettre ce que j’ai appris.`,
    `${title} chez ${employer}, je crois beaucoup à la force du réseau.`,
    `${years} ans d’expérience, dont une bonne partie comme ${title.toLowerCase()}. Disponible et à l’écoute.`,
    `Ancien·ne mentoré·e moi-même, je rends aujourd’hui ce qu’on m’a donné.`,
  ]);
}

function addMentors(context: Context): Mentor[] {
  const { f } = context;
  const statuses = f.helpers.shuffle(
    Object.entries(MENTOR_STATUS_COUNTS).flatMap(([status, count]) =>
      Array.from({ length: count }, () => status as MentorStatus),
    ),
  );
  const mentors: Mentor[] = [];
  let dedicatedLeft = DEDICATED_MENTORS;
  for (const status of statuses) {
    // The first active mentors drawn become Work'Up Massilia's: they joined before session 1.
    const dedicated = status === 'active' && dedicatedLeft > 0;
    if (dedicated) dedicatedLeft -= 1;
    const kind: MentorKind = dedicated
      ? f.helpers.arrayElement(['entrepreneur', 'executive', 'employee', 'recruiter'])
      : f.helpers.weightedArrayElement(MENTOR_KIND_WEIGHTS);
    // Work'Up Massilia mentors coach job seekers: their profession must offer that track.
    const profession: Profession = f.helpers.arrayElement(
      PROFESSIONS.filter(
        (candidate) =>
          candidate.kinds.includes(kind) && (!dedicated || candidate.tracks.includes('job_search')),
      ),
    );
    const gender: Gender = f.helpers.weightedArrayElement([
      { weight: 46, value: 'female' as const },
      { weight: 53, value: 'male' as const },
      { weight: 1, value: 'undisclosed' as const },
    ]);
    const appliedDay = dedicated
      ? int(f, -1150, -930)
      : status === 'applied' || status === 'charter_signed'
        ? int(f, -45, -2)
        : int(f, -1150, -20);
    const charterDay = status === 'applied' ? undefined : Math.min(appliedDay + int(f, 1, 8), -1);
    const vettedDay =
      status === 'applied' || status === 'charter_signed'
        ? undefined
        : Math.min((charterDay ?? appliedDay) + int(f, 3, 20), -1);
    const userStatus =
      status === 'rejected' || status === 'withdrawn'
        ? 'disabled'
        : status === 'applied'
          ? 'invited'
          : 'active';
    const person = addUser(context, {
      role: 'mentor',
      status: userStatus,
      gender,
      createdAt: at(context, appliedDay, 18),
      lastSignInAt:
        userStatus === 'active' && f.datatype.boolean(0.8)
          ? atOfficeTime(context, int(f, -60, -1))
          : null,
    });
    const communeCode = placeOfLiving(f, 0.62);
    const title = profession.titles[gender === 'female' ? 1 : 0];
    const employer = f.company.name();
    const yearsOfExperience =
      kind === 'retired' ? int(f, 30, 42) : kind === 'employee' ? int(f, 5, 25) : int(f, 8, 32);
    const tracks = profession.tracks;
    const mentor: Mentor = {
      id: person.id,
      name: person.name,
      email: person.email,
      status,
      kind,
      // Capacities 1–3, most mentors keep one or two mentees at a time.
      capacity: f.helpers.weightedArrayElement([
        { weight: 45, value: 1 },
        { weight: 40, value: 2 },
        { weight: 15, value: 3 },
      ]),
      tracks,
      communeCode,
      inMarseille: MARSEILLE_CODES.has(communeCode),
      sectorCode: f.helpers.arrayElement(profession.sectorCodes),
      languages: otherLanguages(f, 0.45),
      availability: availabilitySlots(f, 2, 6),
      mode: meetingMode(f),
      vettedDay,
      dedicated,
      busy: [],
    };
    mentors.push(mentor);
    context.rows.mentorProfiles.push({
      userId: mentor.id,
      kind,
      status,
      capacity: mentor.capacity,
      pausedUntil: status === 'paused' ? dateOn(context, int(context.f, 14, 120)) : null,
      charterSignedAt: charterDay === undefined ? null : at(context, charterDay, 19),
      charterVersion: charterDay === undefined ? null : CHARTER_VERSION,
      vettedAt: vettedDay === undefined ? null : atOfficeTime(context, vettedDay),
      vettedBy: vettedDay === undefined ? null : f.helpers.arrayElement(context.coordinatorIds),
      rejectionReason: status === 'rejected' ? f.helpers.arrayElement(REJECTION_REASONS) : null,
      jobTitle: kind === 'retired' ? `${title} (retraité·e)` : title,
      employer: kind === 'retired' ? null : employer,
      occupationCode: profession.occupationCode,
      sectorCode: mentor.sectorCode,
      yearsOfExperience,
      expertise: f.helpers.arrayElements(profession.expertise, { min: 2, max: 4 }),
      tracks: [...tracks],
      languages: mentor.languages,
      communeCode,
      availability: mentor.availability,
      mode: mentor.mode,
      bio: mentorBio(f, title, yearsOfExperience, employer),
      appliedAt: at(context, appliedDay, 18),
    });
    context.rows.consents.push({
      id: f.string.uuid(),
      userId: mentor.id,
      purpose: 'mentoring',
      method: 'online_form',
      textVersion: CONSENT_TEXT_VERSION,
      givenAt: at(context, appliedDay, 18),
      recordedBy: null,
    });
    if (f.datatype.boolean(0.5)) {
      context.rows.consents.push({
        id: f.string.uuid(),
        userId: mentor.id,
        purpose: 'communications',
        method: 'online_form',
        textVersion: CONSENT_TEXT_VERSION,
        givenAt: at(context, appliedDay, 18),
        recordedBy: null,
      });
    }
  }
  return mentors;
}

// ---------------------------------------------------------------------------------------------
// Work'Up Massilia

type WorkUp = { programId: string; cohortIds: string[] };

function addWorkUpProgram(context: Context, partner: Partner, mentors: Mentor[]): WorkUp {
  const { f } = context;
  const programId = f.string.uuid();
  context.rows.programs.push({
    id: programId,
    name: WORKUP_PROGRAM_NAME,
    description:
      'Parcours de l’Entreprise Éphémère pour l’Emploi : deux semaines en entreprise éphémère, ' +
      'puis six mois de mentorat avec un mentor dédié du programme.',
    isDefault: false,
    partnerId: partner.id,
    tracks: ['job_search'],
    durationMonths: PROGRAM_MONTHS,
    checkInMonths: [...CHECK_IN_MONTHS],
    proposalDeadlineDays: REPLY_DEADLINE_DAYS,
    restrictToDedicatedMentors: true,
    isActive: true,
    createdAt: at(context, -950),
  });
  const cohortIds = WORKUP_COHORTS.map((cohort) => {
    const id = f.string.uuid();
    context.rows.cohorts.push({
      id,
      programId,
      name: cohort.name,
      startsOn: dateOn(context, cohort.startDay),
      endsOn: dateOn(context, cohort.startDay + 14 + PROGRAM_DAYS + 30),
      createdAt: at(context, cohort.startDay - 45),
    });
    return id;
  });
  for (const mentor of mentors.filter((candidate) => candidate.dedicated)) {
    context.rows.programMentors.push({
      programId,
      mentorId: mentor.id,
      cohortId: null,
      addedAt: at(context, (mentor.vettedDay ?? -940) + 1),
    });
  }
  return { programId, cohortIds };
}

// ---------------------------------------------------------------------------------------------
// Tandem plans: statuses and timelines first, people second.

function newPlan(context: Context, status: TandemStatus, workUp: boolean): Plan {
  return {
    id: context.f.string.uuid(),
    status,
    workUp,
    cohortIndex: undefined,
    proposedDay: 0,
    decidedDay: undefined,
    startDay: undefined,
    endDay: undefined,
    endReason: undefined,
    silent: false,
    followedBy: undefined,
    mentee: undefined,
    mentor: undefined,
  };
}

/** Fills a plan's days from its proposal day, keeping every past event before the reference date. */
function unfoldTimeline(context: Context, plan: Plan, proposedDay: number): void {
  const { f } = context;
  plan.proposedDay = proposedDay;
  switch (plan.status) {
    case 'proposed':
      return;
    case 'declined':
      plan.decidedDay = proposedDay + int(f, 1, 6);
      return;
    case 'expired':
      plan.decidedDay = proposedDay + REPLY_DEADLINE_DAYS;
      return;
    default:
      break;
  }
  plan.decidedDay = proposedDay + int(f, 1, 6);
  if (plan.status === 'accepted') return;
  const neverMet = plan.status === 'ended_early' && f.datatype.boolean(0.2);
  if (neverMet) {
    plan.endDay = plan.decidedDay + int(f, 20, 45);
    plan.endReason = f.helpers.arrayElement(['no_contact', 'mentee_unavailable'] as const);
    return;
  }
  plan.startDay = plan.decidedDay + int(f, 4, 18);
  if (plan.status === 'completed') {
    plan.endDay = plan.startDay + PROGRAM_DAYS + int(f, -25, 10);
    plan.endReason = f.helpers.weightedArrayElement([
      { weight: 5, value: 'goal_reached' as const },
      { weight: 3, value: 'program_ended' as const },
      { weight: 2, value: 'mentee_found_job' as const },
    ]);
  } else if (plan.status === 'ended_early') {
    plan.endDay = plan.startDay + int(f, 25, 120);
    plan.endReason = f.helpers.weightedArrayElement([
      { weight: 3, value: 'mentee_found_job' as const },
      { weight: 3, value: 'mentee_unavailable' as const },
      { weight: 2, value: 'mentor_unavailable' as const },
      { weight: 2, value: 'not_a_good_fit' as const },
      { weight: 2, value: 'no_contact' as const },
      { weight: 1, value: 'other' as const },
    ]);
  }
}

/** The day of the last event of a timeline that has ended (or the proposal's end). */
function lastDayOf(plan: Plan): number {
  return plan.endDay ?? plan.decidedDay ?? plan.proposedDay;
}

function planTandems(context: Context): Plan[] {
  const { f } = context;
  const plans: Plan[] = [];
  const workUpCounts: Partial<Record<TandemStatus, number>> = {};
  WORKUP_COHORTS.forEach((cohort, cohortIndex) => {
    for (const [status, count] of Object.entries(cohort.statuses) as [TandemStatus, number][]) {
      workUpCounts[status] = (workUpCounts[status] ?? 0) + count;
      for (let index = 0; index < count; index += 1) {
        const plan = newPlan(context, status, true);
        plan.cohortIndex = cohortIndex;
        // A late entrant of the current session is still waiting for the first meeting.
        const proposedDay =
          status === 'accepted' ? int(f, -14, -8) : cohort.startDay + int(f, 0, 10);
        unfoldTimeline(context, plan, proposedDay);
        plans.push(plan);
      }
    }
  });
  for (const status of Object.keys(DEMO_FIGURES.tandemsByState) as TandemStatus[]) {
    const count = DEMO_FIGURES.tandemsByState[status] - (workUpCounts[status] ?? 0);
    for (let index = 0; index < count; index += 1) {
      const plan = newPlan(context, status, false);
      plan.silent = status === 'active' && index < SILENT_TANDEMS;
      unfoldTimeline(context, plan, generalProposalDay(context, plan));
      plans.push(plan);
    }
  }
  linkPriorProposals(context, plans);
  return plans;
}

/** A proposal day that lets the tandem reach its status before the reference date. */
function generalProposalDay(context: Context, plan: Plan): number {
  const { f } = context;
  switch (plan.status) {
    case 'proposed':
      return int(f, -6, -1);
    case 'accepted':
      return int(f, -22, -8);
    case 'active':
      // Silent tandems started long enough ago to have gone a month without meeting.
      return plan.silent ? int(f, -190, -90) : int(f, -190, -30);
    case 'completed':
      return int(f, -1060, -235);
    case 'ended_early':
      return int(f, -1000, -180);
    case 'declined':
      return int(f, -900, -10);
    case 'expired':
      return int(f, -800, -12);
  }
}

/**
 * Turns some declined or expired proposals into the first attempt for a mentee who was then
 * matched again: the proposal moves to a few weeks before the second tandem's.
 */
function linkPriorProposals(context: Context, plans: Plan[]): void {
  const { f } = context;
  const hosts = f.helpers.shuffle(
    plans.filter(
      (plan) =>
        !plan.workUp &&
        ['completed', 'ended_early', 'active', 'accepted'].includes(plan.status) &&
        plan.proposedDay > -850,
    ),
  );
  for (const [status, count] of Object.entries(PRIOR_PROPOSALS) as [
    'declined' | 'expired',
    number,
  ][]) {
    const priors = plans.filter(
      (plan) => !plan.workUp && plan.status === status && plan.followedBy === undefined,
    );
    for (const prior of priors.slice(0, count)) {
      const host = hosts.pop();
      if (!host) return;
      prior.followedBy = host;
      unfoldTimeline(context, prior, host.proposedDay - int(f, 20, 45));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Casting: mentees for the plans, then mentors, respecting capacity over time.

function newMentee(
  context: Context,
  partner: Partner,
  track: Track,
  referredDay: number,
  workUp: boolean,
): Mentee {
  const { f } = context;
  const [minAge, maxAge] = partner.template.ages;
  const gender: Gender = f.helpers.weightedArrayElement([
    { weight: 52, value: 'female' as const },
    { weight: 45, value: 'male' as const },
    { weight: 1, value: 'other' as const },
    { weight: 2, value: 'undisclosed' as const },
  ]);
  const { first, last } = newPerson(context, gender);
  const id = f.string.uuid();
  const birthYear = context.asOf.getUTCFullYear() - int(f, minAge, maxAge);
  const communeCode = f.datatype.boolean(0.55)
    ? partner.template.communeCode
    : placeOfLiving(f, MARSEILLE_CODES.has(partner.template.communeCode) ? 0.8 : 0.3);
  const project = track === 'job_search' ? undefined : f.helpers.arrayElement(BUSINESS_PROJECTS);
  return {
    id,
    firstName: first,
    lastName: last,
    name: `${first} ${last}`,
    email: emailFor(context, first, last),
    gender,
    birthYear,
    project: project?.project,
    businessCreatedDay: undefined,
    partner,
    referrerId: f.helpers.arrayElement(partner.referrerIds),
    track,
    referredDay,
    communeCode,
    inMarseille: MARSEILLE_CODES.has(communeCode),
    sectorCode: project?.sectorCode,
    languages: otherLanguages(f, 0.4),
    availability: availabilitySlots(f, 3, 8),
    mode: meetingMode(f),
    workUp,
    tandems: [],
  };
}

function castTandems(
  context: Context,
  plans: Plan[],
  partners: Partner[],
  workUpPartner: Partner,
  mentors: Mentor[],
): Mentee[] {
  const { f } = context;
  const referringPartners = partners.filter((partner) => partner.template.referralWeight > 0);
  const mentees: Mentee[] = [];
  // Priors last: a declined or expired first proposal takes its follower's mentee.
  for (const plan of plans) {
    if (plan.followedBy) continue;
    plan.mentee = plan.workUp
      ? newMentee(
          context,
          workUpPartner,
          'job_search',
          WORKUP_COHORTS[plan.cohortIndex ?? 0]!.startDay - int(f, 5, 25),
          true,
        )
      : newReferredMentee(context, referringPartners, plan.proposedDay - int(f, 7, 120));
    mentees.push(plan.mentee);
  }
  for (const prior of plans.filter((plan) => plan.followedBy)) {
    const hostMentee = prior.followedBy!.mentee!;
    prior.mentee = hostMentee;
    hostMentee.referredDay = Math.min(hostMentee.referredDay, prior.proposedDay - int(f, 7, 60));
  }
  for (const mentee of mentees) mentee.referredDay = Math.max(mentee.referredDay, -1095);
  // Mentors are chosen in the order the proposals were made, as a coordinator would have.
  const chronological = [...plans].sort((a, b) => a.proposedDay - b.proposedDay);
  for (const plan of chronological) {
    plan.mentor = chooseMentor(context, plan, mentors, plans);
    plan.mentor.busy.push(busyInterval(plan));
  }
  for (const plan of plans) plan.mentee!.tandems.push(plan);
  for (const mentee of mentees) mentee.tandems.sort((a, b) => a.proposedDay - b.proposedDay);
  return mentees;
}

function newReferredMentee(context: Context, partners: Partner[], referredDay: number): Mentee {
  const { f } = context;
  const partner = f.helpers.weightedArrayElement(
    partners.map((candidate) => ({ weight: candidate.template.referralWeight, value: candidate })),
  );
  const track = f.helpers.weightedArrayElement(partner.template.tracks);
  return newMentee(context, partner, track, Math.max(referredDay, -1095), false);
}

/** When a tandem holds (or held) one of its mentor's slots. */
function busyInterval(plan: Plan): { from: number; to: number } {
  const current =
    plan.status === 'proposed' || plan.status === 'accepted' || plan.status === 'active';
  return { from: plan.proposedDay, to: current ? Number.POSITIVE_INFINITY : lastDayOf(plan) };
}

function chooseMentor(context: Context, plan: Plan, mentors: Mentor[], plans: Plan[]): Mentor {
  const { f } = context;
  const mentee = plan.mentee!;
  const interval = busyInterval(plan);
  const current = interval.to === Number.POSITIVE_INFINITY;
  // A mentee declined by (or who declined) a mentor is not proposed the same mentor again.
  const excluded = new Set(
    plans
      .filter((other) => other.followedBy === plan && other.mentor)
      .map((other) => other.mentor!.id),
  );
  const eligible = mentors.filter((mentor) => {
    if (excluded.has(mentor.id)) return false;
    if (mentor.vettedDay === undefined || mentor.vettedDay + 3 > plan.proposedDay) return false;
    if (mentor.dedicated !== plan.workUp) return false;
    if (!mentor.tracks.includes(mentee.track)) return false;
    if (mentor.status === 'paused' && current) return false;
    if (mentor.status === 'withdrawn' && interval.to > -60) return false;
    if (!['active', 'paused', 'withdrawn'].includes(mentor.status)) return false;
    const overlapping = mentor.busy.filter(
      (busy) => busy.from <= interval.to && interval.from <= busy.to,
    ).length;
    return overlapping < mentor.capacity;
  });
  if (eligible.length === 0) {
    throw new Error(`no mentor available for a ${plan.status} tandem on day ${plan.proposedDay}`);
  }
  return f.helpers.weightedArrayElement(
    eligible.map((mentor) => ({
      weight:
        1 +
        (mentor.communeCode === mentee.communeCode ? 4 : 0) +
        (mentor.inMarseille === mentee.inMarseille ? 3 : 0) +
        (mentee.sectorCode !== undefined && mentor.sectorCode === mentee.sectorCode ? 4 : 0),
      value: mentor,
    })),
  );
}

function addOtherMentees(context: Context, partners: Partner[], mentees: Mentee[]): void {
  const { f } = context;
  const referringPartners = partners.filter((partner) => partner.template.referralWeight > 0);
  while (mentees.length < DEMO_FIGURES.mentees) {
    mentees.push(newReferredMentee(context, referringPartners, int(f, -1095, -1)));
  }
}

// ---------------------------------------------------------------------------------------------
// Mentee rows: profile, consents, enrolment, notes.

function menteeStatusOf(context: Context, mentee: Mentee): { status: MenteeStatus; since: number } {
  const { f } = context;
  const last = mentee.tandems.at(-1);
  if (!last) {
    if (mentee.referredDay >= -20) return { status: 'referred', since: mentee.referredDay };
    if (mentee.referredDay >= -200 || f.datatype.boolean(0.15)) {
      return { status: 'waiting', since: mentee.referredDay };
    }
    return { status: 'withdrawn', since: mentee.referredDay + int(f, 60, 180) };
  }
  switch (last.status) {
    case 'proposed':
      return { status: 'waiting', since: mentee.referredDay };
    case 'accepted':
    case 'active':
      return { status: 'in_tandem', since: last.decidedDay ?? last.proposedDay };
    case 'completed':
      return { status: 'completed', since: lastDayOf(last) };
    default: {
      const end = lastDayOf(last);
      if (last.endReason === 'mentee_found_job') return { status: 'completed', since: end };
      return end >= -150 ? { status: 'waiting', since: end } : { status: 'withdrawn', since: end };
    }
  }
}

function businessStageOf(mentee: Mentee, createdDay: number | undefined): BusinessStage {
  if (createdDay !== undefined) {
    return createdDay > -365 ? 'created_less_than_1_year' : 'created_1_to_3_years';
  }
  return mentee.track === 'business_growth' ? 'created_1_to_3_years' : 'project';
}

function addMenteeRows(
  context: Context,
  mentee: Mentee,
  defaultProgramId: string,
  workUp: WorkUp,
): void {
  const { f, rows } = context;
  const { status, since } = menteeStatusOf(context, mentee);
  const referredAt = atOfficeTime(context, mentee.referredDay);
  rows.users.push({
    id: mentee.id,
    email: mentee.email,
    role: 'mentee',
    status: status === 'referred' ? 'invited' : status === 'withdrawn' ? 'disabled' : 'active',
    firstName: mentee.firstName,
    lastName: mentee.lastName,
    phone: phoneNumber(f),
    createdAt: referredAt,
    lastSignInAt:
      status === 'in_tandem' || status === 'waiting'
        ? atOfficeTime(context, int(f, Math.max(since, -30), -1))
        : null,
  });
  const businessCreatedDay =
    mentee.track === 'business_growth'
      ? mentee.referredDay - int(f, 200, 900)
      : mentee.businessCreatedDay;
  const seniorTarget = mentee.partner.template.ages[0] >= 30;
  rows.menteeProfiles.push({
    userId: mentee.id,
    track: mentee.track,
    status,
    partnerId: mentee.partner.id,
    referrerId: mentee.referrerId,
    referredAt,
    waitingSince: status === 'waiting' ? at(context, since, 12) : null,
    targetOccupationCode:
      mentee.track === 'job_search'
        ? f.helpers.arrayElement(
            TARGET_OCCUPATIONS.filter((occupation) => occupation.senior === seniorTarget),
          ).code
        : null,
    businessProject: mentee.project ?? null,
    businessStage:
      mentee.track === 'job_search' ? null : businessStageOf(mentee, businessCreatedDay),
    businessSectorCode: mentee.sectorCode ?? null,
    businessCreatedOn:
      businessCreatedDay === undefined ? null : dateOn(context, businessCreatedDay),
    needs: f.helpers.arrayElements(
      mentee.track === 'job_search'
        ? NEEDS.filter((need) =>
            ['cv_interviews', 'network', 'career_change', 'confidence', 'digital'].includes(need),
          )
        : NEEDS.filter((need) => !['cv_interviews', 'career_change'].includes(need)),
      { min: 2, max: 4 },
    ),
    communeCode: mentee.communeCode,
    languages: mentee.languages,
    availability: mentee.availability,
    mode: mentee.mode,
    birthYear: mentee.birthYear,
    gender: mentee.gender,
    educationLevel: seniorTarget ? 'bac_plus_5' : f.helpers.weightedArrayElement(EDUCATION_LEVELS),
    aboutMe: aboutMe(f, mentee.project),
  });
  const method = f.helpers.weightedArrayElement([
    { weight: 4, value: 'paper_form' as const },
    { weight: 3, value: 'online_form' as const },
    { weight: 1, value: 'verbal' as const },
  ]);
  const purposes = [
    'mentoring',
    'data_sharing_with_partner',
    ...(f.datatype.boolean(0.9) ? (['impact_follow_up'] as const) : []),
    ...(f.datatype.boolean(0.4) ? (['communications'] as const) : []),
  ] as const;
  for (const purpose of purposes) {
    rows.consents.push({
      id: f.string.uuid(),
      userId: mentee.id,
      purpose,
      method,
      textVersion: CONSENT_TEXT_VERSION,
      givenAt: referredAt,
      recordedBy: mentee.referrerId,
    });
  }
  const leftDay =
    status === 'withdrawn' || status === 'completed' ? Math.min(since + int(f, 0, 15), -1) : null;
  rows.enrolments.push({
    programId: mentee.workUp ? workUp.programId : defaultProgramId,
    menteeId: mentee.id,
    cohortId: mentee.workUp
      ? (workUp.cohortIds[mentee.tandems[0]?.cohortIndex ?? 0] ?? null)
      : null,
    enrolledAt: referredAt,
    leftAt: leftDay === null ? null : at(context, Math.max(leftDay, mentee.referredDay), 17),
  });
  if (f.datatype.boolean(0.12)) {
    rows.notes.push({
      id: f.string.uuid(),
      authorId: mentee.referrerId,
      visibility: 'partner',
      subjectUserId: mentee.id,
      body: f.helpers.arrayElement(REFERRER_NOTES),
      createdAt: atOfficeTime(context, Math.min(mentee.referredDay + int(f, 0, 10), -1)),
    });
  }
}

function aboutMe(f: Faker, project: string | undefined): string {
  if (project) {
    return f.helpers.arrayElement([
      `Mon projet : ${project.charAt(0).toLowerCase()}${project.slice(1)}.`,
      `Je porte un projet de ${project.charAt(0).toLowerCase()}${project.slice(1)} et je cherche des conseils concrets.`,
    ]);
  }
  return f.helpers.arrayElement([
    'Je cherche un emploi stable près de chez moi.',
    'Je souhaite me reconvertir et reprendre confiance.',
    'Diplômé·e récemment, je cherche mon premier emploi.',
    'Je reprends une activité après une longue pause.',
  ]);
}

// ---------------------------------------------------------------------------------------------
// Tandem rows: the tandem, its history, meetings, goals, check-ins, outcomes, alerts, notes.

type TandemWriter = {
  context: Context;
  plan: Plan;
  mentor: Mentor;
  mentee: Mentee;
  coordinatorId: string;
  row: TandemRow;
};

function addTandemRows(
  context: Context,
  plan: Plan,
  defaultProgramId: string,
  workUp: WorkUp,
): void {
  const { f } = context;
  const mentor = plan.mentor!;
  const mentee = plan.mentee!;
  const coordinatorId = f.helpers.arrayElement(context.coordinatorIds);
  const proposedAt = atOfficeTime(context, plan.proposedDay);
  const { score, explanation } = explainPair(context, mentor, mentee);
  const row: TandemRow = {
    id: plan.id,
    programId: plan.workUp ? workUp.programId : defaultProgramId,
    cohortId: plan.workUp ? (workUp.cohortIds[plan.cohortIndex ?? 0] ?? null) : null,
    menteeId: mentee.id,
    mentorId: mentor.id,
    status: plan.status,
    score,
    explanation,
    proposedAt,
    replyDeadlineAt: at(context, plan.proposedDay + REPLY_DEADLINE_DAYS, 22),
    createdAt: proposedAt,
  };
  const writer: TandemWriter = { context, plan, mentor, mentee, coordinatorId, row };
  history(writer, null, 'proposed', proposedAt, coordinatorId, null);
  writeDecisions(writer);
  const meetings = plan.startDay === undefined ? [] : writeMeetings(writer);
  if (plan.endDay !== undefined) writeEnd(writer, meetings);
  context.rows.tandems.push(row);
  if (plan.startDay !== undefined) {
    writeGoals(writer);
    writeCheckIns(writer, meetings);
    writeCoordinatorNote(writer);
  }
  if (plan.silent) writeSilenceAlert(writer, meetings);
  if (plan.status === 'completed' || plan.endReason === 'mentee_found_job') writeOutcomes(writer);
}

function history(
  writer: TandemWriter,
  from: TandemStatus | null,
  to: TandemStatus,
  changedAt: Date,
  changedBy: string | null,
  reason: string | null,
): void {
  writer.context.rows.tandemStatusHistory.push({
    tandemId: writer.plan.id,
    fromStatus: from,
    toStatus: to,
    changedAt,
    changedBy,
    reason,
  });
}

/** A score and its explanation, from the same criteria the matching engine weighs. */
function explainPair(
  context: Context,
  mentor: Mentor,
  mentee: Mentee,
): { score: number; explanation: Record<string, unknown> } {
  const sharedSlots = mentee.availability.filter((slot) => mentor.availability.includes(slot));
  const criteria = {
    track: 1,
    sector:
      mentee.sectorCode === undefined ? 0.5 : mentee.sectorCode === mentor.sectorCode ? 1 : 0.3,
    distance:
      mentor.communeCode === mentee.communeCode
        ? 1
        : mentor.inMarseille === mentee.inMarseille
          ? 0.7
          : 0.35,
    availability: Math.min(1, sharedSlots.length / 2),
    languages: mentee.languages.every((language) => mentor.languages.includes(language)) ? 1 : 0.6,
  };
  const weights = { track: 0.3, sector: 0.2, distance: 0.2, availability: 0.2, languages: 0.1 };
  const raw = (Object.keys(weights) as (keyof typeof weights)[]).reduce(
    (total, key) => total + weights[key] * criteria[key],
    0,
  );
  const score =
    Math.round((0.35 + 0.65 * raw + context.f.number.float({ min: -0.03, max: 0.03 })) * 100) / 100;
  return {
    score: Math.min(0.99, Math.max(0.3, score)),
    explanation: { source: 'demo', criteria, weights, sharedSlots },
  };
}

function writeDecisions(writer: TandemWriter): void {
  const { context, plan, mentor, mentee, row } = writer;
  const { f } = context;
  const proposedAt = row.proposedAt as Date;
  const decisionAt = (day: number) => {
    const candidate = at(context, day, int(f, 7, 20), int(f, 0, 59));
    return candidate > proposedAt ? candidate : new Date(proposedAt.getTime() + 2 * 3_600_000);
  };
  switch (plan.status) {
    case 'proposed': {
      // Some proposals already have one side's answer.
      if (f.datatype.boolean(0.5)) {
        const day = Math.min(plan.proposedDay + int(f, 0, 2), -1);
        if (f.datatype.boolean()) {
          row.menteeDecision = 'accepted';
          row.menteeDecidedAt = decisionAt(day);
        } else {
          row.mentorDecision = 'accepted';
          row.mentorDecidedAt = decisionAt(day);
        }
      }
      return;
    }
    case 'declined': {
      const decliner = f.helpers.arrayElement(['mentor', 'mentee'] as const);
      const declinedAt = decisionAt(plan.decidedDay!);
      row.declineReason = f.helpers.arrayElement(DECLINE_REASONS);
      if (decliner === 'mentor') {
        row.mentorDecision = 'declined';
        row.mentorDecidedAt = declinedAt;
      } else {
        row.menteeDecision = 'declined';
        row.menteeDecidedAt = declinedAt;
      }
      history(
        writer,
        'proposed',
        'declined',
        declinedAt,
        decliner === 'mentor' ? mentor.id : mentee.id,
        row.declineReason,
      );
      context.rows.pairExclusions.push({
        menteeId: mentee.id,
        mentorId: mentor.id,
        reason: `Proposition déclinée : ${row.declineReason}`,
        createdBy: writer.coordinatorId,
        createdAt: declinedAt,
      });
      return;
    }
    case 'expired': {
      if (f.datatype.boolean(0.5)) {
        row.mentorDecision = 'accepted';
        row.mentorDecidedAt = decisionAt(plan.proposedDay + int(f, 0, 3));
      }
      const expiredAt = row.replyDeadlineAt as Date;
      history(writer, 'proposed', 'expired', expiredAt, null, 'Délai de réponse dépassé');
      context.rows.alerts.push({
        id: f.string.uuid(),
        kind: 'proposal_expired',
        status: 'resolved',
        tandemId: plan.id,
        menteeId: mentee.id,
        partnerId: mentee.partner.id,
        message: `La proposition de tandem entre ${mentee.name} et ${mentor.name} a expiré sans réponse.`,
        details: { deadline: expiredAt.toISOString() },
        createdAt: expiredAt,
        acknowledgedAt: at(context, plan.decidedDay! + 1, 9),
        resolvedAt: at(context, plan.decidedDay! + 2, 10),
        resolvedBy: writer.coordinatorId,
        dedupeKey: `proposal_expired:${plan.id}`,
      });
      return;
    }
    default: {
      // Double opt-in: the first answer some time after the proposal, the second on the day
      // the tandem became accepted.
      const acceptedAt = decisionAt(plan.decidedDay!);
      const firstAt = decisionAt(
        plan.proposedDay + int(f, 0, plan.decidedDay! - plan.proposedDay - 1),
      );
      const firstAnswer = firstAt < acceptedAt ? firstAt : acceptedAt;
      const mentorFirst = f.datatype.boolean();
      row.mentorDecision = 'accepted';
      row.menteeDecision = 'accepted';
      row.mentorDecidedAt = mentorFirst ? firstAnswer : acceptedAt;
      row.menteeDecidedAt = mentorFirst ? acceptedAt : firstAnswer;
      row.acceptedAt = acceptedAt;
      row.plannedEndOn = dateOn(context, (plan.startDay ?? plan.decidedDay! + 14) + PROGRAM_DAYS);
      history(
        writer,
        'proposed',
        'accepted',
        acceptedAt,
        mentorFirst ? mentee.id : mentor.id,
        null,
      );
    }
  }
}

function meetingRow(writer: TandemWriter, day: number, status: MeetingRow['status']): MeetingRow {
  const { context, mentor, mentee, plan } = writer;
  const { f } = context;
  const [hour, minute] = officeTime(f);
  const occursAt = at(context, day, hour, minute);
  const mode: MeetingMode =
    mentor.mode === 'remote' || mentee.mode === 'remote'
      ? 'remote'
      : f.helpers.weightedArrayElement([
          { weight: 3, value: 'in_person' as const },
          { weight: 1, value: 'remote' as const },
        ]);
  const held = status === 'held';
  const topics = f.helpers.arrayElements(MEETING_TOPICS[mentee.track], { min: 1, max: 3 });
  return {
    id: f.string.uuid(),
    tandemId: plan.id,
    status,
    occursAt,
    durationMinutes: f.helpers.arrayElement([45, 60, 60, 90, 90, 120]),
    mode,
    location: mode === 'remote' ? 'Visioconférence' : f.helpers.arrayElement(MEETING_PLACES),
    topics,
    sharedSummary:
      held && f.datatype.boolean(0.4)
        ? `Nous avons travaillé sur : ${topics.join(', ')}. Prochaine étape fixée ensemble.`
        : null,
    loggedBy: f.datatype.boolean(0.7) ? mentor.id : mentee.id,
    // Held meetings are logged the same evening; planned ones were set up a few days before.
    createdAt: held
      ? new Date(
          Math.min(
            occursAt.getTime() + int(f, 3, 30) * 3_600_000,
            at(context, -1, 23, 30).getTime(),
          ),
        )
      : at(context, Math.min(day - int(f, 2, 10), -1), 18),
  };
}

/** Meetings from the first (which starts the tandem) to the end or the reference date. */
function writeMeetings(writer: TandemWriter): MeetingRow[] {
  const { context, plan, row } = writer;
  const { f } = context;
  const startDay = plan.startDay!;
  const lastPossibleDay =
    plan.endDay !== undefined
      ? plan.endDay - (plan.status === 'ended_early' ? int(f, 5, 15) : 0)
      : plan.silent
        ? int(f, Math.max(startDay, -75), -SILENT_ALERT_DAYS - 6)
        : -1;
  const meetings: MeetingRow[] = [meetingRow(writer, startDay, 'held')];
  for (let day = startDay + int(f, 10, 28); day <= lastPossibleDay; day += int(f, 10, 28)) {
    meetings.push(meetingRow(writer, day, f.datatype.boolean(0.08) ? 'cancelled' : 'held'));
  }
  if (plan.status === 'completed') {
    const last = meetings.at(-1)!;
    const endMeetingDay = plan.endDay! - 1;
    if (last.occursAt < at(context, endMeetingDay - 5)) {
      meetings.push(meetingRow(writer, endMeetingDay, 'held'));
    }
  }
  if (plan.status === 'active' && !plan.silent && f.datatype.boolean(0.85)) {
    meetings.push(meetingRow(writer, int(f, 2, 20), 'planned'));
  }
  const first = meetings[0]!;
  row.startedAt = first.occursAt;
  history(writer, 'accepted', 'active', first.occursAt, first.loggedBy ?? null, null);
  context.rows.meetings.push(...meetings);
  return meetings;
}

function writeEnd(writer: TandemWriter, meetings: MeetingRow[]): void {
  const { context, plan, row, mentor, mentee, coordinatorId } = writer;
  const { f } = context;
  const endedAt = at(context, plan.endDay!, 19, int(f, 0, 59));
  row.endedAt = endedAt;
  row.endReason = plan.endReason ?? null;
  const from: TandemStatus = plan.startDay === undefined ? 'accepted' : 'active';
  if (plan.status === 'completed') {
    row.endedBy = coordinatorId;
    row.endComment = 'Parcours terminé, bilan fait avec le binôme.';
    history(writer, from, 'completed', endedAt, coordinatorId, 'Fin du parcours');
    return;
  }
  const endedBy =
    plan.endReason === 'mentor_unavailable'
      ? mentor.id
      : plan.endReason === 'mentee_unavailable' || plan.endReason === 'mentee_found_job'
        ? mentee.id
        : coordinatorId;
  row.endedBy = endedBy;
  row.endComment =
    plan.endReason === 'mentee_found_job'
      ? END_COMMENTS[4]!
      : plan.endReason === 'no_contact'
        ? END_COMMENTS[3]!
        : plan.endReason === 'mentor_unavailable'
          ? END_COMMENTS[1]!
          : plan.endReason === 'not_a_good_fit'
            ? END_COMMENTS[2]!
            : END_COMMENTS[0]!;
  history(writer, from, 'ended_early', endedAt, endedBy, row.endComment);
  if (plan.endReason === 'no_contact') {
    const lastHeld = meetings.filter((meeting) => meeting.status === 'held').at(-1);
    const lastDay = lastHeld ? dayOf(context, lastHeld.occursAt) : plan.decidedDay!;
    const raisedDay = Math.min(lastDay + SILENT_ALERT_DAYS + 1, plan.endDay! - 1);
    context.rows.alerts.push({
      id: f.string.uuid(),
      kind: 'no_meeting',
      status: 'resolved',
      tandemId: plan.id,
      menteeId: mentee.id,
      partnerId: mentee.partner.id,
      message: `Aucune rencontre enregistrée depuis ${raisedDay - lastDay} jours pour ${mentee.name} et ${mentor.name}.`,
      details: { thresholdDays: SILENT_ALERT_DAYS },
      createdAt: at(context, raisedDay, 6),
      acknowledgedAt: at(context, raisedDay, 10),
      resolvedAt: endedAt,
      resolvedBy: coordinatorId,
      dedupeKey: `no_meeting:${plan.id}`,
    });
  }
}

function writeGoals(writer: TandemWriter): void {
  const { context, plan, mentor, mentee } = writer;
  const { f } = context;
  const titles = f.helpers.arrayElements(GOAL_TITLES[mentee.track], { min: 1, max: 3 });
  const lastDay = Math.min(plan.endDay ?? -1, -1);
  for (const title of titles) {
    const createdDay = Math.min(plan.startDay! + int(f, 0, 10), lastDay);
    const achieved =
      plan.status === 'completed' ? f.datatype.boolean(0.7) : f.datatype.boolean(0.25);
    const achievedDay = achieved ? int(f, createdDay, lastDay) : undefined;
    context.rows.goals.push({
      id: f.string.uuid(),
      tandemId: plan.id,
      kind: f.datatype.boolean(0.7) ? 'goal' : 'next_step',
      title,
      status: achieved
        ? 'achieved'
        : plan.status === 'active'
          ? f.helpers.arrayElement(['open', 'in_progress'] as const)
          : 'dropped',
      dueOn: dateOn(context, createdDay + int(f, 30, 90)),
      createdBy: f.datatype.boolean(0.6) ? mentor.id : mentee.id,
      createdAt: atOfficeTime(context, createdDay),
      achievedAt: achievedDay === undefined ? null : atOfficeTime(context, achievedDay),
    });
  }
}

/** Pairing fit after the first meeting, 1/3/6-month check-ins, and a closing one at the end. */
function writeCheckIns(writer: TandemWriter, meetings: MeetingRow[]): void {
  const { context, plan } = writer;
  const startDay = plan.startDay!;
  const lastHeld = meetings.filter((meeting) => meeting.status === 'held').at(-1)!;
  const silentSince = plan.silent ? dayOf(context, lastHeld.occursAt) : undefined;
  const due: { kind: CheckInRow['kind']; month: number | null; day: number }[] = [
    { kind: 'pairing_fit' as const, month: null, day: startDay + 3 },
    ...CHECK_IN_MONTHS.map((month) => ({
      kind: 'scheduled' as const,
      month,
      day: startDay + Math.round(30.44 * month),
    })),
  ].filter((checkIn) => plan.endDay === undefined || checkIn.day < plan.endDay);
  if (plan.endDay !== undefined) due.push({ kind: 'closure', month: null, day: plan.endDay + 1 });
  for (const checkIn of due) {
    for (const side of ['mentor', 'mentee'] as const) {
      const row = checkInRow(writer, checkIn, side, silentSince);
      context.rows.checkIns.push(row);
      raiseCheckInAlerts(writer, row);
    }
  }
}

function checkInRow(
  writer: TandemWriter,
  checkIn: { kind: CheckInRow['kind']; month: number | null; day: number },
  side: 'mentor' | 'mentee',
  silentSince: number | undefined,
): CheckInRow {
  const { context, plan, mentor, mentee } = writer;
  const { f } = context;
  const dueAt = at(context, checkIn.day, 7);
  const base: CheckInRow = {
    id: f.string.uuid(),
    tandemId: plan.id,
    respondentId: side === 'mentor' ? mentor.id : mentee.id,
    side,
    kind: checkIn.kind,
    monthNumber: checkIn.month,
    dueAt,
  };
  if (checkIn.day >= 0) return { ...base, status: 'scheduled' };
  if (checkIn.day >= -4) {
    return { ...base, status: 'sent', sentAt: dueAt, remindersSent: checkIn.day <= -3 ? 1 : 0 };
  }
  const missed =
    (silentSince !== undefined && checkIn.day > silentSince) || f.datatype.boolean(0.2);
  if (missed) return { ...base, status: 'missed', sentAt: dueAt, remindersSent: 2 };
  const poorFit = plan.endReason === 'not_a_good_fit';
  const satisfaction = poorFit
    ? int(f, 1, 3)
    : f.helpers.weightedArrayElement([
        { weight: 40, value: 5 },
        { weight: 38, value: 4 },
        { weight: 15, value: 3 },
        { weight: 5, value: 2 },
        { weight: 2, value: 1 },
      ]);
  const answeredDay = Math.min(checkIn.day + int(f, 0, 4), -1);
  const answeredAt = at(context, answeredDay, int(f, 8, 21), int(f, 0, 59));
  return {
    ...base,
    status: 'answered',
    sentAt: dueAt,
    remindersSent: answeredDay - checkIn.day >= 3 ? 1 : 0,
    answeredAt: answeredAt > dueAt ? answeredAt : new Date(dueAt.getTime() + 3_600_000),
    satisfaction,
    isGoodFit: poorFit ? int(f, 1, 2) : Math.max(1, Math.min(5, satisfaction + int(f, -1, 0))),
    comment: f.datatype.boolean(0.4)
      ? CHECK_IN_COMMENTS[Math.min(CHECK_IN_COMMENTS.length - 1, 5 - satisfaction)]!
      : null,
    answers: {
      progress: satisfaction >= 4 ? 'yes' : satisfaction === 3 ? 'partly' : 'no',
      wantsToContinue: satisfaction >= 3,
    },
  };
}

function raiseCheckInAlerts(writer: TandemWriter, checkIn: CheckInRow): void {
  const { context, plan, mentee, mentor } = writer;
  if (plan.status !== 'active') return;
  const { f } = context;
  const base = {
    tandemId: plan.id,
    menteeId: mentee.id,
    partnerId: mentee.partner.id,
  };
  const dueAt = checkIn.dueAt;
  const dueDay = dayOf(context, dueAt);
  if (checkIn.status === 'missed' && dueDay >= -45) {
    const who = checkIn.side === 'mentor' ? mentor.name : mentee.name;
    context.rows.alerts.push({
      ...base,
      id: f.string.uuid(),
      kind: 'check_in_unanswered',
      status: 'open',
      message: `${who} n’a pas répondu au point de suivi du ${dueAt.toISOString().slice(0, 10)}.`,
      details: { checkInId: checkIn.id, side: checkIn.side },
      createdAt: at(context, Math.min(dueDay + 7, -1), 6),
      dedupeKey: `check_in_unanswered:${checkIn.id}`,
    });
  }
  if (checkIn.status === 'answered' && (checkIn.satisfaction ?? 5) <= 2) {
    const answeredAt = checkIn.answeredAt as Date;
    context.rows.alerts.push({
      ...base,
      id: f.string.uuid(),
      kind: 'low_satisfaction',
      status: 'acknowledged',
      message: `Satisfaction basse (${checkIn.satisfaction}/5) au point de suivi de ${checkIn.side === 'mentor' ? mentor.name : mentee.name}.`,
      details: { checkInId: checkIn.id, satisfaction: checkIn.satisfaction },
      createdAt: answeredAt,
      acknowledgedAt: new Date(answeredAt.getTime() + DAY_MS),
      dedupeKey: `low_satisfaction:${checkIn.id}`,
    });
  }
}

/** A silent tandem: no meeting for longer than the hub's threshold, and nobody has acted yet. */
function writeSilenceAlert(writer: TandemWriter, meetings: MeetingRow[]): void {
  const { context, plan, mentee, mentor } = writer;
  const lastHeld = meetings.filter((meeting) => meeting.status === 'held').at(-1)!;
  const lastDay = dayOf(context, lastHeld.occursAt);
  context.rows.alerts.push({
    id: context.f.string.uuid(),
    kind: 'no_meeting',
    status: 'open',
    tandemId: plan.id,
    menteeId: mentee.id,
    partnerId: mentee.partner.id,
    message: `Aucune rencontre enregistrée depuis ${-lastDay} jours pour ${mentee.name} et ${mentor.name}.`,
    details: { thresholdDays: SILENT_ALERT_DAYS, lastMeetingOn: dateOn(context, lastDay) },
    createdAt: at(context, Math.min(lastDay + SILENT_ALERT_DAYS + 1, -1), 6),
    dedupeKey: `no_meeting:${plan.id}`,
  });
}

function writeCoordinatorNote(writer: TandemWriter): void {
  const { context, plan, coordinatorId, mentor } = writer;
  const { f } = context;
  if (f.datatype.boolean(0.35)) {
    const lastDay = Math.min(plan.endDay ?? -1, -1);
    context.rows.notes.push({
      id: f.string.uuid(),
      authorId: coordinatorId,
      visibility: 'staff',
      tandemId: plan.id,
      body: f.helpers.arrayElement(COORDINATOR_NOTES),
      createdAt: atOfficeTime(context, int(f, Math.min(plan.startDay! + 7, lastDay), lastDay)),
    });
  }
  const held = context.rows.meetings.filter(
    (meeting) => meeting.tandemId === plan.id && meeting.status === 'held',
  );
  const meeting = held.at(-1);
  if (meeting && f.datatype.boolean(0.15)) {
    context.rows.notes.push({
      id: f.string.uuid(),
      authorId: mentor.id,
      visibility: 'private',
      tandemId: plan.id,
      meetingId: meeting.id,
      body: 'Penser à envoyer les contacts promis et à relire le document partagé.',
      createdAt: meeting.createdAt,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Outcomes

function endOutcome(f: Faker, track: Track, reason: EndReason | undefined): OutcomeKind {
  if (reason === 'mentee_found_job') {
    return f.helpers.arrayElement(['job_permanent', 'job_fixed_term_long'] as const);
  }
  if (track === 'job_search') {
    return f.helpers.weightedArrayElement([
      { weight: 30, value: 'job_permanent' as const },
      { weight: 20, value: 'job_fixed_term_long' as const },
      { weight: 12, value: 'job_fixed_term_short' as const },
      { weight: 12, value: 'training' as const },
      { weight: 22, value: 'still_searching' as const },
      { weight: 4, value: 'other' as const },
    ]);
  }
  if (track === 'business_creation') {
    return f.helpers.weightedArrayElement([
      { weight: 60, value: 'business_created' as const },
      { weight: 25, value: 'other' as const },
      { weight: 10, value: 'job_permanent' as const },
      { weight: 5, value: 'training' as const },
    ]);
  }
  return f.helpers.weightedArrayElement([
    { weight: 9, value: 'business_active' as const },
    { weight: 1, value: 'business_closed' as const },
  ]);
}

function laterOutcome(f: Faker, previous: OutcomeKind): OutcomeKind {
  switch (previous) {
    case 'business_created':
    case 'business_active':
      return f.datatype.boolean(0.9) ? 'business_active' : 'business_closed';
    case 'business_closed':
      return f.datatype.boolean(0.5) ? 'job_fixed_term_long' : 'still_searching';
    case 'still_searching':
    case 'training':
    case 'other':
      return f.helpers.arrayElement([
        'job_permanent',
        'job_fixed_term_long',
        'job_fixed_term_short',
        'still_searching',
      ] as const);
    case 'job_fixed_term_short':
      return f.helpers.arrayElement([
        'job_fixed_term_long',
        'job_permanent',
        'still_searching',
      ] as const);
    default:
      return f.datatype.boolean(0.9) ? previous : 'job_permanent';
  }
}

function outcomeDetails(f: Faker, kind: OutcomeKind): Record<string, unknown> | null {
  if (kind.startsWith('job_')) return { employer: f.company.name() };
  if (kind === 'business_created') {
    return {
      legalForm: f.helpers.arrayElement(['micro-entreprise', 'SAS', 'SASU', 'SARL', 'EURL']),
    };
  }
  if (kind === 'training') return { training: 'Formation qualifiante' };
  return null;
}

/** The outcome at the end, then at +6, +12 and +36 months when that time has passed. */
function writeOutcomes(writer: TandemWriter): void {
  const { context, plan, mentee, coordinatorId } = writer;
  const { f } = context;
  const endDay = plan.endDay!;
  const milestones = [
    { milestone: 'end' as const, day: endDay },
    { milestone: 'month_6' as const, day: endDay + 183 },
    { milestone: 'month_12' as const, day: endDay + 365 },
    { milestone: 'month_36' as const, day: endDay + 1096 },
  ];
  let kind: OutcomeKind | undefined;
  for (const { milestone, day } of milestones) {
    if (day > -1) break;
    kind = kind === undefined ? endOutcome(f, mentee.track, plan.endReason) : laterOutcome(f, kind);
    if (kind === 'business_created') mentee.businessCreatedDay = day - int(f, 5, 40);
    context.rows.outcomes.push({
      id: f.string.uuid(),
      menteeId: mentee.id,
      tandemId: plan.id,
      milestone,
      kind,
      observedOn: dateOn(context, day),
      details: outcomeDetails(f, kind),
      recordedBy: coordinatorId,
      recordedAt: atOfficeTime(context, Math.min(day + int(f, 0, 10), -1)),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Alerts on pending proposals, and logins.

function addAlertsForProposals(context: Context, plans: Plan[]): void {
  const { f } = context;
  for (const plan of plans) {
    if (plan.status !== 'proposed' || plan.proposedDay > -4) continue;
    const mentee = plan.mentee!;
    const tandem = context.rows.tandems.find((row) => row.id === plan.id)!;
    const waitingFor = [
      tandem.mentorDecision ? undefined : plan.mentor!.name,
      tandem.menteeDecision ? undefined : mentee.name,
    ].filter((name) => name !== undefined);
    const alert: AlertRow = {
      id: f.string.uuid(),
      kind: 'proposal_unanswered',
      status: 'open',
      tandemId: plan.id,
      menteeId: mentee.id,
      partnerId: mentee.partner.id,
      message: `Proposition sans réponse depuis ${-plan.proposedDay} jours (en attente : ${waitingFor.join(', ')}).`,
      details: { deadline: (tandem.replyDeadlineAt as Date).toISOString() },
      createdAt: at(context, plan.proposedDay + 3, 6),
      dedupeKey: `proposal_unanswered:${plan.id}`,
    };
    context.rows.alerts.push(alert);
  }
}

function pickLogins(
  context: Context,
  admin: Person,
  coordinator: Person | undefined,
  plans: Plan[],
): DemoLogin[] {
  // The showcase tandem: active, general programme, with a planned meeting and a few held.
  const showcase =
    plans.find(
      (plan) =>
        plan.status === 'active' &&
        !plan.workUp &&
        !plan.silent &&
        context.rows.meetings.some(
          (meeting) => meeting.tandemId === plan.id && meeting.status === 'planned',
        ),
    ) ?? plans.find((plan) => plan.status === 'active')!;
  const mentor = showcase.mentor!;
  const mentee = showcase.mentee!;
  const referrer = context.rows.users.find((user) => user.id === mentee.referrerId)!;
  return [
    { role: 'admin', email: admin.email, name: admin.name, description: 'administrateur du hub' },
    {
      role: 'coordinator',
      email: coordinator?.email ?? admin.email,
      name: coordinator?.name ?? admin.name,
      description: 'chargé·e de mission du hub',
    },
    {
      role: 'referrer',
      email: referrer.email ?? '',
      name: `${referrer.firstName} ${referrer.lastName}`,
      description: `référent·e, ${mentee.partner.template.name}`,
    },
    {
      role: 'mentor',
      email: mentor.email,
      name: mentor.name,
      description: `mentor de ${mentee.name}, tandem actif`,
    },
    {
      role: 'mentee',
      email: mentee.email,
      name: mentee.name,
      description: `mentoré·e de ${mentor.name}, tandem actif`,
    },
  ];
}
