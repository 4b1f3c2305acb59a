import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { IDENTITY_HEADER, signInternalIdentity } from '@cz/identity-tokens';

export interface ExportDownload {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The JSON error body of a refusal (empty for a file). */
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

/**
 * Downloads an export link (a gateway path, `/files/<service>/exports/<token>`) from a subgraph
 * directly, with the identity header signed as the gateway's file proxy signs it.
 */
export async function downloadExport(graphqlUrl: string, identity: Identity, url: string): Promise<ExportDownload> {
  const path = url.replace(/^\/files\/[^/]+/, '/files');
  const header = await signInternalIdentity(identity, `test-${randomUUID()}`, LOCAL_DEFAULTS.internalIdentityKey);
  const response = await fetch(new URL(path, graphqlUrl), { headers: { [IDENTITY_HEADER]: header } });
  const bytes = Buffer.from(await response.arrayBuffer());
  const errors = response.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(bytes.toString('utf8')) as { errors: ExportDownload['errors'] }).errors : undefined;
  return { status: response.status, headers: response.headers, bytes, errors };
}
