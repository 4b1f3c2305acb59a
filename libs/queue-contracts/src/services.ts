/** The four subgraphs; each owns the PostgreSQL schema of the same name in SERVICE_SCHEMAS. */
export const SERVICES = ['registry', 'applications', 'funding', 'assessment'] as const;
export type ServiceName = (typeof SERVICES)[number];
