/** The 14 grands domaines of the ROME (France Travail), built in; the rest is imported. */
export const ROME_GRANDS_DOMAINES: readonly { code: string; label: string }[] = [
  {
    code: 'A',
    label: 'Agriculture et Pêche, Espaces naturels et Espaces verts, Soins aux animaux',
  },
  { code: 'B', label: "Arts et Façonnage d'ouvrages d'art" },
  { code: 'C', label: 'Banque, Assurance, Immobilier' },
  { code: 'D', label: 'Commerce, Vente et Grande distribution' },
  { code: 'E', label: 'Communication, Média et Multimédia' },
  { code: 'F', label: 'Construction, Bâtiment et Travaux publics' },
  { code: 'G', label: 'Hôtellerie-Restauration, Tourisme, Loisirs et Animation' },
  { code: 'H', label: 'Industrie' },
  { code: 'I', label: 'Installation et Maintenance' },
  { code: 'J', label: 'Santé' },
  { code: 'K', label: 'Services à la personne et à la collectivité' },
  { code: 'L', label: 'Spectacle' },
  { code: 'M', label: "Support à l'entreprise" },
  { code: 'N', label: 'Transport et Logistique' },
];
