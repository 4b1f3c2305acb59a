import { authorize, type Identity } from '@cz/auth';
import type { AuditLogEntity } from '@cz/db';
import { BadUserInputError } from '@cz/errors';
import { type AuditFilterInput, auditLogQuery, checkAuditFilter, type SubgraphContext, type SubgraphModule } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { ExportParams } from './export-link';
import { exportService } from './export-routes';
import type { ExportFormat, ExportTable } from './export-table';

export const AUDIT_LOG_REPORT = 'AUDIT_LOG';

/** More rows than a spreadsheet is good for: the bureau narrows the period instead. */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;

const FILTER_KEYS = ['from', 'to', 'actor', 'operation', 'outcome', 'targetType', 'targetId'] as const;

/** The filter signed into the link as text (instants as ISO 8601), and back. */
export function auditFilterParams(filter: AuditFilterInput | null | undefined): ExportParams {
  const value = (key: (typeof FILTER_KEYS)[number]) => {
    const given = filter?.[key];
    return given instanceof Date ? given.toISOString() : (given ?? null);
  };
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, value(key)]));
}

function auditFilterOf(params: ExportParams): AuditFilterInput {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, typeof params[key] === 'string' ? params[key] : null])) as AuditFilterInput;
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

async function auditTable(dataSource: DataSource, params: ExportParams): Promise<ExportTable[]> {
  const rows: AuditLogEntity[] = await auditLogQuery(dataSource, auditFilterOf(params))
    .orderBy('audit.occurred_at', 'DESC')
    .addOrderBy('audit.id', 'DESC')
    .limit(MAX_AUDIT_EXPORT_ROWS + 1)
    .getMany();
  if (rows.length > MAX_AUDIT_EXPORT_ROWS) throw new BadUserInputError('filter', `符合条件的审计记录超过 ${MAX_AUDIT_EXPORT_ROWS} 条，请缩小时间范围后再导出`, { max: MAX_AUDIT_EXPORT_ROWS });
  return [
    {
      title: '审计日志',
      columns: [
        { key: 'occurredAt', header: '时间（北京时间）' },
        { key: 'actor', header: '操作人' },
        { key: 'role', header: '角色' },
        { key: 'countyCode', header: '所属县区' },
        { key: 'parkId', header: '所属园区' },
        { key: 'operation', header: '操作' },
        { key: 'targetType', header: '对象类型' },
        { key: 'targetId', header: '对象 ID' },
        { key: 'outcome', header: '结果' },
        { key: 'changes', header: '变更内容' },
        { key: 'requestId', header: '请求编号' },
        { key: 'sourceAddress', header: '客户端地址' },
      ],
      rows: rows.map((row) => ({ ...row, occurredAt: SHANGHAI_TIME.format(row.occurredAt), outcome: row.outcome === 'DENIED' ? '拒绝' : '成功', changes: JSON.stringify(row.changes) })),
    },
  ];
}

/**
 * `Query.<prefix>AuditLogExport(filter, format)`: the city bureau's CSV / Excel export of one
 * service's audit log, as a personal short-lived link (the same links as every other export). The
 * module's file route serves AUDIT_LOG links only and passes any other report on.
 */
export function auditLogExportModule(service: string, prefix: string, keys?: () => readonly string[]): SubgraphModule {
  const exporter = exportService(
    {
      service,
      reports: {
        [AUDIT_LOG_REPORT]: {
          title: '审计日志',
          // Checked again at the download: the filter (it throws on a bad one) and the right to read the log.
          authorize: (identity: Identity, params: ExportParams) => {
            authorize(identity, 'audit.read');
            checkAuditFilter(auditFilterOf(params));
          },
          build: (dataSource: DataSource, _identity: Identity, params: ExportParams) => auditTable(dataSource, params),
        },
      },
    },
    keys,
  );
  return {
    entities: [],
    resolvers: {
      Query: {
        [`${prefix}AuditLogExport`]: (_parent: unknown, { filter, format }: { filter?: AuditFilterInput | null; format: ExportFormat }, context: SubgraphContext) =>
          exporter.link(context, AUDIT_LOG_REPORT, format, auditFilterParams(filter)),
      },
    },
    fileRoutes: exporter.fileRoutes,
  };
}
