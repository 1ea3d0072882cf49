/**
 * The 21 sections of NAF rév. 2 (INSEE, 2008) and the divisions each one groups. Public
 * nomenclature facts: the npm package `@socialgouv/codes-naf` lists the four lower levels only.
 */
export const NAF_SECTIONS: readonly {
  code: string;
  label: string;
  divisions: readonly [number, number];
}[] = [
  { code: 'A', label: 'Agriculture, sylviculture et pêche', divisions: [1, 3] },
  { code: 'B', label: 'Industries extractives', divisions: [5, 9] },
  { code: 'C', label: 'Industrie manufacturière', divisions: [10, 33] },
  {
    code: 'D',
    label: "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
    divisions: [35, 35],
  },
  {
    code: 'E',
    label: "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
    divisions: [36, 39],
  },
  { code: 'F', label: 'Construction', divisions: [41, 43] },
  { code: 'G', label: "Commerce ; réparation d'automobiles et de motocycles", divisions: [45, 47] },
  { code: 'H', label: 'Transports et entreposage', divisions: [49, 53] },
  { code: 'I', label: 'Hébergement et restauration', divisions: [55, 56] },
  { code: 'J', label: 'Information et communication', divisions: [58, 63] },
  { code: 'K', label: "Activités financières et d'assurance", divisions: [64, 66] },
  { code: 'L', label: 'Activités immobilières', divisions: [68, 68] },
  {
    code: 'M',
    label: 'Activités spécialisées, scientifiques et techniques',
    divisions: [69, 75],
  },
  {
    code: 'N',
    label: 'Activités de services administratifs et de soutien',
    divisions: [77, 82],
  },
  { code: 'O', label: 'Administration publique', divisions: [84, 84] },
  { code: 'P', label: 'Enseignement', divisions: [85, 85] },
  { code: 'Q', label: 'Santé humaine et action sociale', divisions: [86, 88] },
  { code: 'R', label: 'Arts, spectacles et activités récréatives', divisions: [90, 93] },
  { code: 'S', label: 'Autres activités de services', divisions: [94, 96] },
  {
    code: 'T',
    label:
      "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre",
    divisions: [97, 98],
  },
  { code: 'U', label: 'Activités extra-territoriales', divisions: [99, 99] },
];

/** The section letter of a NAF division ("62" → "J"), or undefined for an unknown division. */
export function nafSectionOfDivision(division: string): string | undefined {
  const number = Number.parseInt(division, 10);
  return NAF_SECTIONS.find(({ divisions: [first, last] }) => number >= first && number <= last)
    ?.code;
}
