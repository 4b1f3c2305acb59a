import { Readable } from 'node:stream';
import type { Identity } from '@cz/auth';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signInternalIdentity } from '@cz/identity-tokens';
import type { Logger } from '@cz/logging';
import type { RequestHandler } from 'express';

/** Headers worth passing each way; everything else (cookies, client identity headers) stays behind. */
const REQUEST_HEADERS = ['content-type', 'content-length', 'x-file-name'];
const RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag', 'x-checksum-sha256'];

/**
 * `/files/<service>/…` → the subgraph's own `/files/…`, with the caller's verified identity signed
 * as for GraphQL. Bodies stream through; the subgraph enforces size and type limits.
 */
export function fileProxy(subgraphUrls: Record<string, string>, signingKey: string, logger: Logger): RequestHandler {
  return async (req, res) => {
    const [, service, ...rest] = req.path.split('/');
    const base = subgraphUrls[service];
    if (!base) {
      res.status(404).json({ errors: [{ message: '没有这个文件服务', extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    const identity = res.locals.identity as Identity;
    const requestId = res.locals.requestId as string;
    const target = new URL(`/files/${rest.map(encodeURIComponent).join('/')}`, base);
    const headers = new Headers({ [IDENTITY_HEADER]: await signInternalIdentity(identity, requestId, signingKey), [REQUEST_ID_HEADER]: requestId });
    for (const name of REQUEST_HEADERS) {
      const value = req.header(name);
      if (value) headers.set(name, value);
    }
    try {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const upstream = await fetch(target, { method: req.method, headers, body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined, duplex: 'half' } as RequestInit);
      res.status(upstream.status);
      for (const name of RESPONSE_HEADERS) {
        const value = upstream.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      if (upstream.body) Readable.fromWeb(upstream.body as never).pipe(res);
      else res.end();
    } catch (error) {
      logger.error({ requestId, err: error, service }, 'file service unreachable (masked for the client)');
      res.status(502).json({ errors: [{ message: '服务内部错误，请稍后重试', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
    }
  };
}
