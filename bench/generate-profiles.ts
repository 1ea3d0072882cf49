import type { MatchingInstance } from '../src/matching/instance.ts';
import {
  AVAILABILITY_SLOTS,
  MEETING_MODES,
  MENTOR_KINDS,
  NEEDS,
  TRACKS,
} from '../src/domain/people.ts';
import { createRandom } from './generate-instance.ts';

const WORDS = (
  'restaurant cuisine traiteur boulangerie commerce boutique vente client magasin ' +
  'développement logiciel application site internet numérique informatique données ' +
  'bâtiment travaux rénovation artisan plomberie électricité menuiserie ' +
  'comptabilité gestion finance banque crédit assurance immobilier ' +
  'transport logistique livraison entrepôt chauffeur ' +
  'santé soins infirmier aide domicile personnes âgées enfants crèche ' +
  'formation enseignement coaching conseil recrutement carrière ' +
  'communication marketing réseaux sociaux événementiel photographie ' +
  'agriculture maraîchage bio environnement recyclage énergie solaire ' +
  'tourisme hôtellerie loisirs sport culture musique spectacle'
).split(' ');

/**
 * Random full profiles shaped like a national programme: 96 départements with a few communes
 * each, ROME and NAF codes drawn from a few hundred values, French free text from a small
 * vocabulary. Seeded, so every run builds the same instance.
 */
export function generateProfileInstance(
  menteeCount: number,
  mentorCount: number,
  seed: number,
): MatchingInstance {
  const random = createRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const pickSome = <T>(values: readonly T[], count: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < count) chosen.add(pick(values));
    return [...chosen];
  };
  const letters = 'ABCDEFGHIJKLMN';
  const romeCodes = Array.from(
    { length: 300 },
    () =>
      `${pick([...letters])}1${Math.floor(random() * 9)}${String(1 + Math.floor(random() * 20)).padStart(2, '0')}`,
  );
  const nafCodes = Array.from({ length: 200 }, () => {
    const division = String(10 + Math.floor(random() * 86)).padStart(2, '0');
    return `${division}.${Math.floor(random() * 10)}${Math.floor(random() * 10)}Z`;
  });
  const place = () => {
    const departement = String(1 + Math.floor(random() * 95)).padStart(2, '0');
    const commune = `${departement}${String(1 + Math.floor(random() * 40)).padStart(3, '0')}`;
    return {
      communeCode: commune,
      departement,
      epciCode: `${departement}${Math.floor(random() * 5)}`,
    };
  };
  // Most people meet in person; a minority is open to remote meetings.
  const pickMode = () => {
    const draw = random();
    return draw < 0.6 ? MEETING_MODES[0] : draw < 0.7 ? MEETING_MODES[1] : MEETING_MODES[2];
  };
  const text = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(' ');
  return {
    mentors: Array.from({ length: mentorCount }, (_, j) => ({
      id: `m${j}`,
      capacity: 1 + Math.floor(random() * 3),
      kind: pick(MENTOR_KINDS),
      occupations: pickSome(romeCodes, 1 + Math.floor(random() * 2)),
      sectors: pickSome(nafCodes, 1),
      expertise: pickSome(NEEDS, 2 + Math.floor(random() * 3)),
      experience: text(12),
      meetingMode: pickMode(),
      availability: pickSome(AVAILABILITY_SLOTS, 3 + Math.floor(random() * 4)),
      languages: random() < 0.2 ? ['fr', pick(['en', 'ar', 'es', 'it'])] : ['fr'],
      ...place(),
    })),
    mentees: Array.from({ length: menteeCount }, (_, i) => ({
      id: `e${i}`,
      track: pick(TRACKS),
      occupations: pickSome(romeCodes, 1),
      sectors: pickSome(nafCodes, 1),
      needs: pickSome(NEEDS, 2 + Math.floor(random() * 2)),
      project: text(10),
      meetingMode: pickMode(),
      availability: pickSome(AVAILABILITY_SLOTS, 3 + Math.floor(random() * 4)),
      languages: random() < 0.1 ? ['fr', 'ar'] : ['fr'],
      waitingDays: Math.floor(random() * 180),
      ...place(),
    })),
  };
}
