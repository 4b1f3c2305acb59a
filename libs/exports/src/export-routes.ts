import type { Identity } from '@cz/auth';
import { BadUserInputError } from '@cz/errors';
import { fileRouteHandlers, sendFileContent, sha256Hex } from '@cz/files';
import type { Logger } from '@cz/logging';
import type { SubgraphContext, SubgraphModule } from '@cz/subgraph-kit';
import type { Router } from 'express';
import { decodeJwt } from 'jose';
import type { DataSource } from 'typeorm';
import { toCsv } from './csv';
import { createExportLink, type ExportLink, type ExportParams, exportSigningKeys, verifyExportToken } from './export-link';
import type { ExportFormat, ExportTable } from './export-table';
import { toXlsx } from './xlsx';

/** One report a service exports: who may have it, and how its tables are built. */
export interface ExportReport {
  /** Chinese; the downloaded file is named after it. */
  title: string;
  /**
   * Throws (FORBIDDEN, BAD_USER_INPUT…) when this identity may not have the report with these
   * filters. Run when the link is asked for and again at the download, so a right withdrawn in
   * between is honoured.
   */
  authorize: (identity: Identity, params: ExportParams, now: Date) => void | Promise<void>;
  /** The rows, under the same list filters as the GraphQL lists they mirror; `now` is the service clock. */
  build: (dataSource: DataSource, identity: Identity, params: ExportParams, now: Date) => Promise<ExportTable[]>;
}

/** A service's exports: its name as the gateway routes files (`/files/<service>/…`) and its reports. */
export interface ExportCatalogue {
  service: string;
  reports: Readonly<Record<string, ExportReport>>;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function renderExport(format: ExportFormat, tables: readonly ExportTable[]): Promise<Buffer> {
  return format === 'CSV' ? toCsv(tables) : toXlsx(tables);
}

/** The report a link names, read without verifying it (the route that serves it verifies). */
function reportNamedIn(token: string): string | undefined {
  try {
    const { rpt } = decodeJwt(token);
    return typeof rpt === 'string' ? rpt : undefined;
  } catch {
    return undefined;
  }
}

function reportOf(catalogue: ExportCatalogue, report: string): ExportReport {
  const found = catalogue.reports[report];
  if (!found) throw new BadUserInputError('report', '没有这个导出报表', { report });
  return found;
}

/**
 * The two halves of a service's exports: `link` for the GraphQL field that hands out a download
 * link, `fileRoutes` for the module, serving `GET /files/exports/:token` (the gateway's
 * `/files/<service>/exports/<token>`). Keys are the service's internal identity keys, read when
 * first needed.
 */
export function exportService(catalogue: ExportCatalogue, keys: () => readonly string[] = exportSigningKeys) {
  let cached: readonly string[] | undefined;
  const serviceKeys = () => (cached ??= keys());
  return {
    async link(context: Pick<SubgraphContext, 'identity' | 'now'>, report: string, format: ExportFormat, params: ExportParams): Promise<ExportLink> {
      const definition = reportOf(catalogue, report);
      const now = context.now();
      await definition.authorize(context.identity, params, now);
      return createExportLink({ service: catalogue.service, report, format, params, title: definition.title, identity: context.identity, key: serviceKeys()[0], now });
    },

    fileRoutes(router: Router, dataSource: DataSource, logger: Logger): void {
      const handle = fileRouteHandlers(dataSource, logger, () => ({}));
      const serve = handle(async (req, res, context) => {
        const now = context.now();
        const grant = await verifyExportToken(String(req.params.token), { service: catalogue.service, keys: serviceKeys(), identity: context.identity, now });
        const definition = reportOf(catalogue, grant.report);
        await definition.authorize(context.identity, grant.params, now);
        const content = await renderExport(grant.format, await definition.build(dataSource, context.identity, grant.params, now));
        sendFileContent(res, { fileName: grant.fileName, contentType: CONTENT_TYPES[grant.format], sha256: sha256Hex(content) }, content);
      });
      // Several modules of one service may export (its lists, its audit log): a link naming another
      // catalogue's report is passed on to that catalogue's route; anything else is answered here.
      router.get('/exports/:token', (req, res, next) => {
        const report = reportNamedIn(String(req.params.token));
        if (report !== undefined && !Object.hasOwn(catalogue.reports, report)) next();
        else void serve(req, res, next);
      });
    },
  };
}

/**
 * A subgraph's exports as a feature module: `Query.<field>(report, format, …filters)` hands out
 * the link (every argument besides report and format is a filter signed into it), and the module's
 * file route serves it.
 */
export function defineExportsModule(catalogue: ExportCatalogue, field: string, keys?: () => readonly string[]): SubgraphModule {
  const exporter = exportService(catalogue, keys);
  const link = (_parent: unknown, { report, format, ...filters }: { report: string; format: ExportFormat } & Record<string, string | number | null | undefined>, context: SubgraphContext) =>
    exporter.link(context, report, format, Object.fromEntries(Object.entries(filters).map(([name, value]) => [name, value ?? null])));
  return { resolvers: { Query: { [field]: link } }, entities: [], fileRoutes: exporter.fileRoutes };
}
