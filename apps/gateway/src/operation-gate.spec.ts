import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@cz/logging';
import { buildManifest, type PersistedOperationManifest } from '@cz/persisted-operations';
import { closeServer, listen } from '@cz/runtime';
import express from 'express';
import { type AllowListMode, operationGate } from './operation-gate';

const OPERATIONS_FILE = `
query Counties { counties { ...CountyFields } }
query ParkCount { parks { totalCount } }
fragment CountyFields on County { code name }
`;
const manifest = buildManifest([{ name: 'dashboard.operations.graphql', body: OPERATIONS_FILE }]);
const [countiesId, countiesDocument] = Object.entries(manifest).find(([, document]) => document.startsWith('query Counties'))!;

/** The gate in front of a stand-in for Apollo that echoes the query it would have run. */
async function gateServer(mode: AllowListMode, maxTokens = 100, ops: PersistedOperationManifest = manifest): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(express.json(), (_req, res, next) => {
    res.locals.requestId = 'req-1';
    next();
  });
  app.use(operationGate({ manifest: ops, mode, maxTokens, logger: createLogger('gateway', 'silent') }));
  app.use((req, res) => res.json({ ran: req.method === 'GET' ? req.query.query : req.body.query }));
  const server = await listen(app, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { ran?: string; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
}

describe('operation gate', () => {
  describe('with the allow-list enforced', () => {
    let gate: { url: string; server: Server };
    beforeAll(async () => {
      gate = await gateServer('enforce');
    });
    afterAll(() => closeServer(gate.server));

    it('runs a registered operation however it is sent: as printed, inside its whole file, by id', async () => {
      expect(await post(gate.url, { query: countiesDocument })).toEqual({ status: 200, body: { ran: countiesDocument } });
      expect(await post(gate.url, { query: OPERATIONS_FILE, operationName: 'Counties' })).toEqual({ status: 200, body: { ran: OPERATIONS_FILE } });
      expect(await post(gate.url, { documentId: `sha256:${countiesId}` })).toEqual({ status: 200, body: { ran: countiesDocument } });
      expect(await post(gate.url, { extensions: { persistedQuery: { version: 1, sha256Hash: countiesId } } })).toEqual({ status: 200, body: { ran: countiesDocument } });
    });

    it('refuses anything else with OPERATION_NOT_ALLOWED and the request id', async () => {
      const unregistered = await post(gate.url, { query: '{ counties { code name } }' });
      expect(unregistered).toEqual({ status: 403, body: { errors: [{ message: '该操作未登记在允许列表中，服务端拒绝执行', extensions: { code: 'OPERATION_NOT_ALLOWED', requestId: 'req-1' } }] } });
      // A registered operation with one more field is another operation.
      expect((await post(gate.url, { query: countiesDocument.replace('name', 'name code') })).status).toBe(403);
      expect((await post(gate.url, { documentId: 'sha256:0000' })).status).toBe(403);
      // The whole file without saying which operation: nothing to check, so nothing runs.
      expect((await post(gate.url, { query: OPERATIONS_FILE })).status).toBe(403);
      const get = await fetch(`${gate.url}?query=${encodeURIComponent('{ counties { code } }')}`);
      expect(get.status).toBe(403);
    });
  });

  describe('with the allow-list off', () => {
    let gate: { url: string; server: Server };
    beforeAll(async () => {
      gate = await gateServer('off', 20);
    });
    afterAll(() => closeServer(gate.server));

    it('runs any operation, and still resolves registered ids', async () => {
      expect(await post(gate.url, { query: '{ counties { code } }' })).toEqual({ status: 200, body: { ran: '{ counties { code } }' } });
      expect((await post(gate.url, { documentId: countiesId })).body.ran).toBe(countiesDocument);
    });

    it('refuses a document over the token limit with QUERY_TOO_LARGE before it is parsed', async () => {
      expect((await post(gate.url, { query: '{ counties { code name } }' })).status).toBe(200);
      const tooLarge = await post(gate.url, { query: '{ a: counties { code name } b: counties { code name } c: counties { code name } }' });
      expect(tooLarge.status).toBe(400);
      expect(tooLarge.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_LARGE', max: 20, requestId: 'req-1' });
    });

    it('leaves malformed documents to Apollo, which reports them as parse errors', async () => {
      expect((await post(gate.url, { query: '{ counties {' })).status).toBe(200);
    });
  });
});
