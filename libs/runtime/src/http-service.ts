import { once } from 'node:events';
import type { Server } from 'node:http';
import express, { type Express } from 'express';

export type ReadinessCheck = () => Promise<void>;

export interface HttpServiceOptions {
  service: string;
  /** Each check throws when a dependency is not usable; /ready answers 503 naming it. */
  readiness: Record<string, ReadinessCheck>;
  /** Extra lines for /metrics, in Prometheus text format. */
  metrics?: () => string[];
}

/**
 * The HTTP surface every app shares: /health (the process is alive), /ready (its dependencies
 * answer) and /metrics. Apps mount their own routes on the returned express app.
 */
export function createHttpService(options: HttpServiceOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.service });
  });
  app.get('/ready', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(options.readiness).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, `unavailable: ${(error as Error).message}`] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: options.service, checks: Object.fromEntries(results) });
  });
  app.get('/metrics', (_req, res) => {
    res.type('text/plain; version=0.0.4').send([...(options.metrics?.() ?? []), ''].join('\n'));
  });
  return app;
}

/** Stops accepting connections and waits for open ones; keep-alive sockets (a prober's) would otherwise hold it open. */
export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

export async function listen(app: Express, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = app.listen(port, host);
  await once(server, 'listening');
  return server;
}

/** Rejects with `message` (or a generic one) when `promise` has not settled within `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message = `no answer within ${ms} ms`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
