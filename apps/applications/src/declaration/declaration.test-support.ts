import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { IDENTITY_HEADER, signInternalIdentity } from '@cz/identity-tokens';
import type { DataSource } from 'typeorm';
import type { MaterialItem } from './material.entity';

/** A minimal, well-formed PDF: header, one empty object, trailer. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
/** A real 1×1 PNG. */
export const PNG_BYTES = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** The start of a Windows executable. */
export const EXE_BYTES = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(62, 0x90)]);

export const REQUIRED_UPLOADS: ReadonlyArray<[MaterialItem, Buffer, string, string]> = [
  ['LETTER', PDF_BYTES, 'application/pdf', '申请函件.pdf'],
  ['APPROVAL_FORM', PDF_BYTES, 'application/pdf', '评估认定审批表.pdf'],
  ['FEASIBILITY_STUDY', PDF_BYTES, 'application/pdf', '可行性论证报告.pdf'],
  ['OPERATION_REPORT', PNG_BYTES, 'image/png', '运营情况（扫描件）.png'],
  ['INSTITUTION_ROSTER', PDF_BYTES, 'application/pdf', '机构名册.pdf'],
];

/** 18-character unified social credit codes, distinct per index. */
const creditCode = (index: number) => `91140431MA0${String(index).padStart(7, '0')}`;

/** Facts of a park meeting every Art 6 rule with `institutions` resident institutions of 3.5 million yuan each. */
export function declaredFacts(institutions = 10, revenueYear = 2025) {
  return {
    revenueYear,
    sites: [{ name: '沁源人力资源服务产业园核心园区', address: '沁源县沁河镇育才路 21 号', buildingAreaM2: '3200.50', isCore: true }],
    institutions: Array.from({ length: institutions }, (_, index) => ({
      name: `沁源人力资源服务机构${index + 1}号`,
      creditCode: creditCode(index + 1),
      licenceKind: index % 2 === 0 ? 'LICENCE' : 'FILING',
      licenceNo: `晋人服证字〔2024〕${1000 + index}号`,
      licenceValidUntil: '2029-12-31',
      operating: true,
      revenueFen: '350000000',
    })),
    publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT'],
    subParkJustification: null as string | null,
  };
}

export const operatorOf = (parkId: string): Identity => ({ subject: `operator-${parkId.slice(-8)}`, role: 'PARK_OPERATOR', parkId });

/** A park known to this service, as if the registry's event had arrived. */
export async function knownPark(dataSource: DataSource, countyCode: string, status = 'CANDIDATE'): Promise<string> {
  const parkId = randomUUID();
  await dataSource.query(`INSERT INTO applications.park_ref (park_id, name, county_code, status, source_version) VALUES ($1, $2, $3, $4, 1)`, [parkId, `测试园区${parkId.slice(0, 6)}`, countyCode, status]);
  return parkId;
}

function inChunks(body: Buffer, size = 1024 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      controller.enqueue(new Uint8Array(body.subarray(offset, offset + size)));
      offset += size;
    },
  });
}

const identityHeader = async (identity: Identity) => ({ [IDENTITY_HEADER]: await signInternalIdentity(identity, `test-${randomUUID()}`, LOCAL_DEFAULTS.internalIdentityKey) });

/** The subgraph's own file routes, called as the gateway's file proxy calls them. */
export function fileClient(graphqlUrl: string) {
  const base = graphqlUrl.replace(/\/graphql$/, '/files');
  return {
    /** `chunked` sends the body as a stream without a content-length, as a proxy may. */
    async upload(identity: Identity, applicationId: string, item: string, body: Buffer, contentType: string, fileName: string, chunked = false) {
      const response = await fetch(`${base}/applications/${applicationId}/materials/${item}`, {
        method: 'POST',
        headers: { ...(await identityHeader(identity)), 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName) },
        body: chunked ? inChunks(body) : new Uint8Array(body),
        duplex: 'half',
      } as RequestInit);
      return { status: response.status, body: (await response.json()) as { id: string; version: number; sha256: string; sizeBytes: number; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
    },
    /** By a material's `downloadPath` (a gateway path), as the gateway's proxy forwards it here. */
    async download(identity: Identity, downloadPath: string) {
      const response = await fetch(`${base}${downloadPath.replace(/^\/files\/applications/, '')}`, { headers: await identityHeader(identity) });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    },
  };
}
