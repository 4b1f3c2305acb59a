import type { ApolloServerPlugin } from '@apollo/server';
import type { Identity } from '@cz/auth';
import type { Logger } from '@cz/logging';
import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type Redis from 'ioredis';
import type { RateLimit } from './config';
import type { GatewayContext } from './gateway-context';
import { GatewayRefusal } from './gateway-refusal';

/** Whose budget a mutation spends, and how much of it. */
export interface RateCharge {
  key: string;
  limit: RateLimit;
  /** Mutation fields in the operation: ten aliased mutations in one request cost ten. */
  cost: number;
}

/** Root fields of a selection set, following fragments, so `{ a: m1 b: m1 }` counts two. */
function rootFieldCount(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, fragments);
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += rootFieldCount(fragment.selectionSet, fragments);
    }
  }
  return count;
}

/**
 * Which budget an operation spends: signed-in people by token subject (one person, many devices or
 * replicas, one budget); the public — anonymous objection filing — by client address, since
 * everyone anonymous shares one subject. Queries are not limited here: the query limits bound them.
 */
export function rateCharge(identity: Identity, document: DocumentNode, operation: OperationDefinitionNode, limits: { mutations: RateLimit; publicMutations: RateLimit }): RateCharge | undefined {
  if (operation.operation !== 'mutation') return undefined;
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const cost = rootFieldCount(operation.selectionSet, fragments);
  if (cost === 0) return undefined;
  if (identity.role === 'PUBLIC') return { key: `public:${identity.sourceAddress ?? 'unknown'}`, limit: limits.publicMutations, cost };
  return { key: `mutation:${identity.subject}`, limit: limits.mutations, cost };
}

/**
 * A fixed window per key, counted atomically in Redis: the first spend of a window sets its expiry,
 * so keys vanish by themselves. Returns the count after this spend and the seconds left.
 */
const SPEND_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count == tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return { count, ttl }`;

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export class RedisRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async spend(charge: RateCharge): Promise<RateDecision> {
    const [count, ttl] = (await this.redis.eval(SPEND_SCRIPT, 1, `${this.prefix}:rate:${charge.key}`, charge.cost, charge.limit.windowSeconds)) as [number, number];
    return { allowed: count <= charge.limit.max, retryAfterSeconds: Math.max(ttl, 1) };
  }
}

export function rateLimitedRefusal(retryAfterSeconds: number, limit: RateLimit): GatewayRefusal {
  return new GatewayRefusal('RATE_LIMITED', `操作过于频繁：每 ${limit.windowSeconds} 秒最多 ${limit.max} 次提交，请 ${retryAfterSeconds} 秒后重试`, { retryAfterSeconds }, { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) });
}

/**
 * Spends the caller's budget once the operation is known (after validation, before any subgraph
 * is asked); over budget, the request is answered 429 with a retry-after hint and nothing is
 * forwarded. If Redis cannot be reached the request goes through and the failure is logged: the
 * limit protects capacity, while authorisation and the objection limit per address stay in the
 * subgraphs, so a Redis outage must not stop the platform.
 */
export function rateLimitPlugin(limiter: RedisRateLimiter, limits: { mutations: RateLimit; publicMutations: RateLimit }, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (!operation) return;
          const charge = rateCharge(contextValue.identity, document, operation, limits);
          if (!charge) return;
          let decision: RateDecision;
          try {
            decision = await limiter.spend(charge);
          } catch (error) {
            logger.warn({ requestId: contextValue.requestId, err: error }, 'rate limit not checked: Redis unavailable');
            return;
          }
          if (!decision.allowed) {
            contextValue.logger.warn({ requestId: contextValue.requestId, subject: contextValue.identity.subject, retryAfterSeconds: decision.retryAfterSeconds }, 'refused a mutation over the rate limit');
            throw rateLimitedRefusal(decision.retryAfterSeconds, charge.limit);
          }
        },
      };
    },
  };
}
