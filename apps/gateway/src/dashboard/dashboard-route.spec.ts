import type { Server } from 'node:http';
import { operationId, type PersistedOperationManifest } from '@cz/persisted-operations';
import express from 'express';
import { readManifest } from '../operation-gate';
import { DASHBOARD_CSP, dashboardOperations, dashboardRoute } from './dashboard-route';

describe('the dashboard route', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use('/dashboard', dashboardRoute());
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/dashboard`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves the page and its own scripts under a CSP that allows no inline or foreign code', async () => {
    for (const [path, type] of [['', 'text/html'], ['/', 'text/html'], ['/dashboard.js', 'text/javascript'], ['/charts.js', 'text/javascript'], ['/dashboard.css', 'text/css'], ['/favicon.svg', 'image/svg+xml']]) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.status, response.headers.get('content-type')?.split(';')[0]]).toEqual([path, 200, type]);
      expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(DASHBOARD_CSP).not.toMatch(/unsafe|\*|https?:/);
    const page = await (await fetch(base)).text();
    // No inline script or style for the CSP to refuse: every script and sheet is a file of its own.
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
  });

  it('hands the page exactly the operations the persisted-operation allow-list holds', async () => {
    const operations = (await (await fetch(`${base}/operations.json`)).json()) as Record<string, string>;
    expect(operations).toEqual(await dashboardOperations());
    expect(Object.keys(operations)).toEqual(['DashboardFigures']);
    const manifest: PersistedOperationManifest = readManifest();
    for (const document of Object.values(operations)) expect(manifest[operationId(document)]).toBe(document);
  });
});
