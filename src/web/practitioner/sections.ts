/** The workspace's sections, in navigation order; each has a route at `/<id>`. */
export const sections = ['clients', 'library', 'programs', 'schedule', 'messages', 'practice'] as const;
export type Section = (typeof sections)[number];
