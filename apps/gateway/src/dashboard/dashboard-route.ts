import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalOperation } from '@cz/persisted-operations';
import { Router, type Response } from 'express';
import { Kind, parse } from 'graphql';

/** The operations the page sends: the same file the persisted-operation allow-list is built from. */
export const DASHBOARD_OPERATIONS_FILE = join(__dirname, 'dashboard.operations.graphql');
const PUBLIC = join(__dirname, 'public');

/**
 * Only this origin's own files, no inline script or style, no framing, no third party: the page
 * holds a bearer token, so nothing but its own code may ever run beside it.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  '/charts.js': { file: 'charts.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

function secured(res: Response, type: string): Response {
  return res.set({
    'content-type': type,
    'content-security-policy': DASHBOARD_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    // Small files, and a new version must reach the bureau at once.
    'cache-control': 'no-cache',
  });
}

/**
 * Each named operation of the operations file in the canonical form the allow-list hashes, read
 * when asked for, so the page always sends exactly what the allow-list was built from.
 */
export async function dashboardOperations(file = DASHBOARD_OPERATIONS_FILE): Promise<Record<string, string>> {
  const document = parse(await readFile(file, 'utf8'));
  const names = document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
  return Object.fromEntries(names.map((name) => [name, canonicalOperation(document, name) as string]));
}

/**
 * The programme dashboard (issue 7) at /dashboard: a static page and its own small scripts, which
 * read the figures through /graphql with the user's token (kept in the tab's sessionStorage).
 * Nothing here needs a token: the data does, and the subgraphs decide who may see it.
 */
export function dashboardRoute(): Router {
  const router = Router();
  router.get('/operations.json', async (_req, res, next) => {
    try {
      secured(res, 'application/json; charset=utf-8').send(JSON.stringify(await dashboardOperations()));
    } catch (error) {
      next(error);
    }
  });
  for (const [path, asset] of Object.entries(ASSETS)) {
    router.get(path, async (_req, res, next) => {
      try {
        secured(res, asset.type).send(await readFile(join(PUBLIC, asset.file)));
      } catch (error) {
        next(error);
      }
    });
  }
  return router;
}
