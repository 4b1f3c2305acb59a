import { hkdfSync } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { keyList, loadConfig, LOCAL_DEFAULTS } from '@cz/config';
import { ForbiddenError } from '@cz/errors';
import { keyId, keyNamedBy } from '@cz/identity-tokens';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { ExportFormat } from './export-table';

/** Long enough to click a link just handed out, short enough that a forwarded link soon dies. */
export const EXPORT_LINK_TTL_SECONDS = 10 * 60;
const ISSUER = 'cz-export';

/** Filters of a report (county, years…): small, and signed into the link as they were asked. */
export type ExportParams = Readonly<Record<string, string | number | null>>;

/** The filters the lists and statistics share (years inclusive, a county), as signed into a link; absent ones are null. */
export function exportFilters(params: ExportParams): { fromYear: number | null; toYear: number | null; countyCode: string | null } {
  const year = (value: unknown) => (typeof value === 'number' ? value : null);
  return { fromYear: year(params.fromYear), toYear: year(params.toYear), countyCode: typeof params.countyCode === 'string' ? params.countyCode : null };
}

/** What a signed link says: which report, in which format, with which filters, for whom. */
export interface ExportGrant {
  service: string;
  report: string;
  format: ExportFormat;
  params: ExportParams;
  fileName: string;
  /** The user the link was handed to; nobody else may use it. */
  subject: string;
  expiresAt: Date;
}

export interface ExportLink {
  /** The gateway path of the download (`/files/<service>/exports/<token>`); it needs the same user's token. */
  url: string;
  fileName: string;
  expiresAt: Date;
}

export const EXTENSIONS: Record<ExportFormat, string> = { CSV: 'csv', XLSX: 'xlsx' };

/**
 * The links are signed with a key derived (HKDF) from the internal identity keys every subgraph
 * already holds and rotates: no new secret to provision, and the derivation keeps a link from
 * ever passing as an identity header (or the reverse), since the two never share a key.
 */
export function exportSigningKey(internalKey: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', internalKey, 'cz-export-link', 'export links v1', 32));
}

/**
 * The service's INTERNAL_IDENTITY_KEYS, read and validated exactly as the subgraph's own config
 * reads them (same variable, same default), so the links follow the identity key rotation.
 */
export function exportSigningKeys(source: NodeJS.ProcessEnv = process.env): readonly string[] {
  return loadConfig({ INTERNAL_IDENTITY_KEYS: keyList(LOCAL_DEFAULTS.internalIdentityKey) }, source).INTERNAL_IDENTITY_KEYS;
}

export interface NewExportLink {
  service: string;
  report: string;
  format: ExportFormat;
  params: ExportParams;
  /** The report's Chinese title: the file is named after it and the day of the export. */
  title: string;
  identity: Identity;
  /** The key that signs (the first internal identity key). */
  key: string;
  now: Date;
  ttlSeconds?: number;
}

export async function createExportLink({ service, report, format, params, title, identity, key, now, ttlSeconds = EXPORT_LINK_TTL_SECONDS }: NewExportLink): Promise<ExportLink> {
  const fileName = `${title}-${shanghaiDate(now)}.${EXTENSIONS[format]}`;
  const issuedAt = Math.floor(now.getTime() / 1000);
  const signingKey = exportSigningKey(key);
  const token = await new SignJWT({ rpt: report, fmt: format, prm: params, fn: fileName })
    .setProtectedHeader({ alg: 'HS256', kid: keyId(Buffer.from(signingKey).toString('hex')) })
    .setSubject(identity.subject)
    .setIssuer(ISSUER)
    .setAudience(`${ISSUER}:${service}`)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(signingKey);
  return { url: `/files/${encodeURIComponent(service)}/exports/${token}`, fileName, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
}

/** Why a link is refused; the message tells the user what to do. */
export type ExportLinkRefusal = 'LINK_INVALID' | 'LINK_EXPIRED' | 'LINK_OF_ANOTHER_USER';

export class ExportLinkError extends ForbiddenError {
  constructor(readonly reason: ExportLinkRefusal) {
    super(
      {
        LINK_INVALID: '下载链接无效，请重新导出',
        LINK_EXPIRED: '下载链接已过期，请重新导出',
        LINK_OF_ANOTHER_USER: '此下载链接属于其他用户，请自行导出',
      }[reason],
      { reason },
    );
  }
}

/**
 * Checks a link's signature (any of the service's keys, as during a rotation), service and expiry
 * by the service's clock, and that the caller is the user it was handed to.
 */
export async function verifyExportToken(token: string, { service, keys, identity, now }: { service: string; keys: readonly string[]; identity: Identity; now: Date }): Promise<ExportGrant> {
  const byId = new Map(keys.map((key) => exportSigningKey(key)).map((key) => [keyId(Buffer.from(key).toString('hex')), key]));
  const key = keyNamedBy(token, byId);
  // A malformed header is an invalid link like any other.
  if (!key || key === 'malformed') throw new ExportLinkError('LINK_INVALID');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: `${ISSUER}:${service}`, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'], currentDate: now, clockTolerance: 0 }));
  } catch (error) {
    throw new ExportLinkError(error instanceof joseErrors.JWTExpired ? 'LINK_EXPIRED' : 'LINK_INVALID');
  }
  if (payload.sub !== identity.subject) throw new ExportLinkError('LINK_OF_ANOTHER_USER');
  const format = payload.fmt;
  const { rpt: report, fn: fileName, prm: params, exp } = payload;
  if ((format !== 'CSV' && format !== 'XLSX') || typeof report !== 'string' || typeof fileName !== 'string' || typeof params !== 'object' || params === null || exp === undefined) throw new ExportLinkError('LINK_INVALID');
  return { service, report, format, params: params as ExportParams, fileName, subject: payload.sub, expiresAt: new Date(exp * 1000) };
}
