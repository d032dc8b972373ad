/** The workspace's sections, in navigation order; each has a route at `/<id>`. */
export const sections = [
  'clients',
  'alerts',
  'library',
  'programs',
  'schedule',
  'messages',
  'practice',
] as const;
export type Section = (typeof sections)[number];

/** Sections with their own pages; the others show what they will do ("coming soon"). */
export const builtSections: readonly Section[] = [
  'clients',
  'alerts',
  'library',
  'programs',
  'messages',
  'practice',
];

/** Sections with clinical content: the front desk never sees them (the API answers 403). */
export const clinicalSections: readonly Section[] = ['clients', 'alerts', 'library', 'programs', 'messages'];
