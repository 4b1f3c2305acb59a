import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventHandlers } from '@cz/events';
import type { Logger } from '@cz/logging';
import type { Router } from 'express';
import type { DataSource } from 'typeorm';

/**
 * A feature of a subgraph (a folder with its resolvers, entities and event handlers), so a
 * subgraph grows by adding modules rather than by editing one ever-longer file.
 */
export interface SubgraphModule {
  resolvers: object;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  eventHandlers?: EventHandlers;
  /** Routes under /files (uploads, downloads), behind the gateway identity check. */
  fileRoutes?: (router: Router, dataSource: DataSource, logger: Logger) => void;
}

/** Merges resolver maps type by type; two modules resolving the same field is a mistake, reported at start. */
export function mergeResolverMaps(...maps: object[]): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      // Scalars are GraphQLScalarType instances, not field maps: they pass through whole.
      if (typeof fields !== 'object' || fields === null || fields.constructor.name === 'GraphQLScalarType') {
        if (merged[typeName] && merged[typeName] !== fields) throw new Error(`resolver for ${typeName} defined twice`);
        merged[typeName] = fields as Record<string, unknown>;
        continue;
      }
      const target = (merged[typeName] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`resolver ${typeName}.${field} defined twice`);
        target[field] = resolver;
      }
    }
  }
  return merged;
}

/** Combines the event handlers of several modules; one event type handled twice is refused. */
export function mergeEventHandlers(...handlers: Array<EventHandlers | undefined>): EventHandlers {
  const merged: Record<string, unknown> = {};
  for (const set of handlers) {
    for (const [type, handler] of Object.entries(set ?? {})) {
      if (type in merged) throw new Error(`event ${type} handled twice`);
      merged[type] = handler;
    }
  }
  return merged as EventHandlers;
}

/**
 * A subgraph's SDL: `schema.graphql` (which carries the federation @link) first, then every other
 * `*.graphql` file of the folder in name order, each extending it.
 */
export function readSubgraphSdl(directory: string): string {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.graphql'))
    .sort((a, b) => (a === 'schema.graphql' ? -1 : b === 'schema.graphql' ? 1 : a.localeCompare(b)));
  if (files[0] !== 'schema.graphql') throw new Error(`${directory} has no schema.graphql`);
  return files.map((name) => readFileSync(join(directory, name), 'utf8')).join('\n');
}
