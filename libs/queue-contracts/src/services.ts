/** The subgraphs; each owns the PostgreSQL schema of the same name. */
export const SERVICES = ['registry', 'applications', 'funding', 'assessment', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];
