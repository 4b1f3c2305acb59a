/**
 * The audit-log SDL every subgraph serves, as `apps/<app>/src/audit.graphql`: each service keeps its
 * own audit table, so each exposes its own root field (`<prefix>AuditLog`) over identical,
 * shareable types. The files are this text exactly (audit-log.sdl.spec.ts checks), so the types
 * compose and cannot drift apart. `ExportFormat` and `ExportLink` are the exports' shared types
 * (libs/exports), declared by each subgraph's exports SDL.
 */
export function auditLogSdl(prefix: string, serviceName: string): string {
  return `extend type Query {
  "${serviceName}审计日志（仅市人社局，分页，最新在前）。The ${prefix} service's audit log: every committed change, every access to personal data and every denied attempt, newest first; city bureau only."
  ${prefix}AuditLog(filter: AuditFilter, first: Int, after: String): AuditEntryConnection!
  "导出${serviceName}审计日志（仅市人社局，CSV 或 Excel，中文表头），返回 10 分钟内有效、仅限本人使用的下载链接；最多 50000 条。Exports the ${prefix} audit log (same filter) as a personal, short-lived download link; at most 50,000 rows."
  ${prefix}AuditLogExport(filter: AuditFilter, format: ExportFormat!): ExportLink!
}

"审计结果。Whether the attempt was carried out or refused."
enum AuditOutcome {
  "已执行 committed (a change, or a granted access to personal data)"
  SUCCEEDED
  "被拒绝 refused by the access policy; nothing was changed or shown"
  DENIED
}

"审计日志条目（只增不改，至少保存 185 天）。One audit row: append-only, never updated or deleted (kept at least 185 days, Cybersecurity Law art. 21)."
type AuditEntry @shareable {
  "条目编号（服务内）。Row id within the service."
  id: ID!
  "发生时间。When it happened."
  occurredAt: DateTime!
  "操作人（用户 ID，令牌的 sub）。Who: the user id (JWT subject), or system:… for scheduled jobs and events."
  actor: String!
  "操作人角色。The actor's role."
  role: String!
  "操作人所属县区（管辖范围）。The actor's county (jurisdiction), if any."
  countyCode: String
  "操作人所属园区（管辖范围）。The actor's park (jurisdiction), if any."
  parkId: ID
  "操作（访问策略中的操作名）。The operation, as named in the access policy (e.g. park.updateProfile, park.contact.reveal)."
  operation: String!
  "对象类型。Target type, e.g. Park."
  targetType: String!
  "对象 ID（列表或新建为 *）。Target id; * for a list or a refused creation."
  targetId: String!
  "结果。Outcome."
  outcome: AuditOutcome!
  "变更内容（JSON：字段 → [修改前, 修改后]；个人信息只记“已变更”，从不记录其值）。Changes as JSON text: field → [before, after]; personal data is recorded as changed, never its value; a reveal records its reason."
  changes: String!
  "请求编号，可据此查找日志。The request id, to find the request in the logs."
  requestId: String
  "客户端地址（网关所见）。The client address the gateway saw."
  sourceAddress: String
}

"审计日志查询条件。Filter of an audit-log query; all given conditions apply."
input AuditFilter {
  "起始时间（含）。From (inclusive)."
  from: DateTime
  "截止时间（不含）。To (exclusive)."
  to: DateTime
  "操作人（用户 ID）。Actor (user id)."
  actor: String
  "操作名。Operation name."
  operation: String
  "结果。Outcome."
  outcome: AuditOutcome
  "对象类型。Target type."
  targetType: String
  "对象 ID。Target id."
  targetId: String
}

"审计日志分页列表。"
type AuditEntryConnection @shareable {
  edges: [AuditEntryEdge!]!
  pageInfo: PageInfo!
  "符合条件的总数。"
  totalCount: Int!
}

type AuditEntryEdge @shareable {
  cursor: String!
  node: AuditEntry!
}
`;
}

/** The subgraphs and the prefix of their audit fields. */
export const AUDIT_LOG_SERVICES = [
  { app: 'park-registry', prefix: 'registry', serviceName: '园区登记服务' },
  { app: 'applications', prefix: 'applications', serviceName: '申报服务' },
  { app: 'funding', prefix: 'funding', serviceName: '资金服务' },
  { app: 'assessment', prefix: 'assessment', serviceName: '考核服务' },
  { app: 'notifications', prefix: 'notifications', serviceName: '通知服务' },
] as const;
