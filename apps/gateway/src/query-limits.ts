import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import type { DocumentNode, ValidationRule } from 'graphql';
import { GatewayRefusal } from './gateway-refusal';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

export function queryLimitsOf(config: { QUERY_MAX_DEPTH: number; QUERY_MAX_ALIASES: number; QUERY_MAX_DIRECTIVES: number; QUERY_MAX_TOKENS: number; QUERY_MAX_COST: number }): QueryLimits {
  return { maxDepth: config.QUERY_MAX_DEPTH, maxAliases: config.QUERY_MAX_ALIASES, maxDirectives: config.QUERY_MAX_DIRECTIVES, maxTokens: config.QUERY_MAX_TOKENS, maxCost: config.QUERY_MAX_COST };
}

/**
 * Armor reports its own English "Syntax Error: …" by default; ours replaces it with a Chinese message
 * and a stable code. `propagateOnRejection: false` lets the rule report through the validation
 * context (a 400 answer) instead of throwing out of graphql-js's validator.
 */
function reportAs(refusal: () => GatewayRefusal) {
  const onReject: GraphQLArmorRejectCallback[] = [(context) => context?.reportError(refusal())];
  return { onReject, propagateOnRejection: false };
}

/**
 * Validation rules for Apollo's validation phase: they run on the parsed document before the
 * query planner, so an over-deep, over-wide or over-costly query never reaches a subgraph.
 * Introspection is exempt from depth and cost (it is off in production anyway).
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ...reportAs(() => new GatewayRefusal('QUERY_TOO_DEEP', `查询嵌套层数过多：最多 ${limits.maxDepth} 层`, { max: limits.maxDepth })) }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAs(() => new GatewayRefusal('QUERY_TOO_WIDE', `查询中的别名过多：最多 ${limits.maxAliases} 个`, { max: limits.maxAliases })) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reportAs(() => new GatewayRefusal('QUERY_TOO_COMPLEX', `查询中的指令过多：最多 ${limits.maxDirectives} 个`, { max: limits.maxDirectives })) }),
    costLimitRule({ maxCost: limits.maxCost, ...reportAs(() => new GatewayRefusal('QUERY_TOO_COMPLEX', `查询过于复杂（估算代价超过 ${limits.maxCost}）：请减少每页条数或所选字段`, { max: limits.maxCost })) }),
  ];
}

/**
 * Parses a document, giving up as soon as it has more than `maxTokens` tokens: the cheapest
 * refusal, before a huge document is even held as a tree. Throws the refusal, or graphql-js's own
 * syntax error for a malformed document.
 */
export function parseWithinTokenLimit(source: string, maxTokens: number): DocumentNode {
  const parser = new MaxTokensParserWLexer(source, {
    n: maxTokens,
    onReject: [
      () => {
        throw new GatewayRefusal('QUERY_TOO_LARGE', `查询文本过长：最多 ${maxTokens} 个词法单元`, { max: maxTokens });
      },
    ],
  });
  return parser.parseDocument();
}
