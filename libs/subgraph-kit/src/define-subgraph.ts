import { onShutdown } from '@cz/runtime';
import gql from 'graphql-tag';
import type { DataSource } from 'typeorm';
import type { SubgraphConfig } from './subgraph-config';
import { runSubgraphService, type SubgraphServiceDefinition } from './run-subgraph-service';
import type { SubgraphContext } from './subgraph-server';
import { mergeEventHandlers, mergeResolverMaps, readSubgraphSdl, type SubgraphModule } from './subgraph-module';

/** The context of a subgraph whose resolvers read through per-request loaders. */
export interface LoaderContext<L> extends SubgraphContext {
  dataSource: DataSource;
  loaders: L;
}

export type SubgraphDefinitionInput<L> = Omit<SubgraphServiceDefinition<LoaderContext<L>>, 'typeDefs' | 'buildContext' | 'resolvers'> & {
  /** The folder holding `schema.graphql` and any further `*.graphql` files that extend it. */
  schemaDirectory: string;
  /** Generated resolver maps are typed per app; the kit only passes them on. */
  resolvers: object;
  /** Built once per request, so batching and caching never cross users. */
  createLoaders: (dataSource: DataSource) => L;
  /** Feature modules: their resolvers, event handlers and file routes join the core's (entities go in the data source). */
  modules?: readonly SubgraphModule[];
};

export function defineSubgraph<L>({ schemaDirectory, createLoaders, resolvers, modules = [], eventHandlers, fileRoutes, ...definition }: SubgraphDefinitionInput<L>): SubgraphServiceDefinition<LoaderContext<L>> {
  const routed = [...(fileRoutes ? [fileRoutes] : []), ...modules.flatMap((module) => (module.fileRoutes ? [module.fileRoutes] : []))];
  return {
    ...definition,
    typeDefs: gql(readSubgraphSdl(schemaDirectory)),
    resolvers: mergeResolverMaps(resolvers, ...modules.map((module) => module.resolvers)) as SubgraphServiceDefinition<LoaderContext<L>>['resolvers'],
    eventHandlers: mergeEventHandlers(eventHandlers, ...modules.map((module) => module.eventHandlers)),
    fileRoutes: routed.length > 0 ? (router, dataSource, logger) => routed.forEach((register) => register(router, dataSource, logger)) : undefined,
    buildContext: (base, dataSource) => ({ ...base, dataSource, loaders: createLoaders(dataSource) }),
  };
}

/** A subgraph's main: run it, stop it cleanly on SIGTERM/SIGINT, and exit 1 with the reason if it cannot start. */
export function runSubgraphMain<C extends SubgraphContext>(definition: SubgraphServiceDefinition<C>, readConfig: () => SubgraphConfig): void {
  runSubgraphService(definition, readConfig())
    .then((running) => onShutdown(running.logger, running.stop))
    .catch((error) => {
      console.error(`${definition.displayName} could not start: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    });
}
