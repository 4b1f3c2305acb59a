import { assertProductionSafe, env, keyList, loadConfig, LOCAL_DEFAULTS, subgraphUrl } from '@cz/config';
import { USER_TOKEN_AUDIENCE, USER_TOKEN_ISSUER } from '@cz/identity-tokens';
import { z } from 'zod';

/** The gateway's configuration, read once at start; subgraph URLs default to the subgraphs' port variables. */
export function readConfig(source: NodeJS.ProcessEnv = process.env) {
  const { ports } = LOCAL_DEFAULTS;
  const config = loadConfig(
    {
      NODE_ENV: env.nodeEnv(),
      LOG_LEVEL: env.logLevel(),
      GATEWAY_PORT: env.port(ports.gateway),
      /** HS256 secret for user tokens (local use); ignored when JWKS_URL is set. */
      JWT_SECRET: env.secret(LOCAL_DEFAULTS.jwtSecret),
      /** The identity provider's key set, for real deployments. */
      JWKS_URL: z.url().optional(),
      JWT_ISSUER: z.string().default(USER_TOKEN_ISSUER),
      JWT_AUDIENCE: z.string().default(USER_TOKEN_AUDIENCE),
      /** Signs the identity forwarded to subgraphs; the first key of the list signs. */
      INTERNAL_IDENTITY_KEYS: keyList(LOCAL_DEFAULTS.internalIdentityKey),
      REGISTRY_URL: subgraphUrl(source, 'REGISTRY_PORT', ports.registry),
      APPLICATIONS_URL: subgraphUrl(source, 'APPLICATIONS_PORT', ports.applications),
      FUNDING_URL: subgraphUrl(source, 'FUNDING_PORT', ports.funding),
      ASSESSMENT_URL: subgraphUrl(source, 'ASSESSMENT_PORT', ports.assessment),
      NOTIFICATIONS_URL: subgraphUrl(source, 'NOTIFICATIONS_PORT', ports.notifications),
      BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('100kb'),
      /** Express `trust proxy`: set to the load balancer's hops or addresses so X-Forwarded-For is believed; never by default. */
      TRUST_PROXY: z.string().default('false'),
    },
    source,
  );
  assertProductionSafe(config);
  return config;
}
export type GatewayConfig = ReturnType<typeof readConfig>;
