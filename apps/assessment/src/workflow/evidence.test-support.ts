import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import type { StoredFileView } from '@cz/files';
import { IDENTITY_HEADER, signInternalIdentity } from '@cz/identity-tokens';

/** A minimal, well-formed PDF; `note` makes each one distinct. */
export const pdf = (note = '') => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${note}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'utf8');

const identityHeader = async (identity: Identity) => ({ [IDENTITY_HEADER]: await signInternalIdentity(identity, `test-${randomUUID()}`, LOCAL_DEFAULTS.internalIdentityKey) });

/** The assessment service's own evidence routes, called as the gateway's file proxy calls them. */
export function evidenceClient(graphqlUrl: string) {
  const base = graphqlUrl.replace(/\/graphql$/, '/files');
  return {
    async upload(identity: Identity, body: Buffer, fileName: string) {
      const response = await fetch(`${base}/evidence`, {
        method: 'POST',
        headers: { ...(await identityHeader(identity)), 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(fileName) },
        body: new Uint8Array(body),
      });
      return { status: response.status, body: (await response.json()) as StoredFileView & { errors?: Array<{ extensions: Record<string, unknown> }> } };
    },
    /** By a file's `downloadPath` (a gateway path), as the gateway's proxy forwards it here. */
    async download(identity: Identity, downloadPath: string) {
      const response = await fetch(`${base}${downloadPath.replace(/^\/files\/assessment/, '')}`, { headers: await identityHeader(identity) });
      return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
    },
  };
}
