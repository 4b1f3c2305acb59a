import type { Identity } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { mintUserToken } from '@cz/identity-tokens';
import { postGraphQL, type GraphQLResponse } from '@cz/testing';

export const as = {
  city: { subject: 'e2e-city', role: 'CITY_BUREAU' } as Identity,
  finance: { subject: 'e2e-finance', role: 'FINANCE' } as Identity,
  dataTeam: { subject: 'e2e-data', role: 'DATA_TEAM' } as Identity,
  county: (countyCode: string): Identity => ({ subject: `e2e-county-${countyCode}`, role: 'COUNTY_BUREAU', countyCode }),
};

export async function bearer(identity: Identity, secret: string = LOCAL_DEFAULTS.jwtSecret, expiresIn: string | number = '10m'): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintUserToken(identity, { secret, expiresIn })}` };
}

/** A GraphQL call through the gateway as a user with a token minted like `npm run token`. */
export async function gql<T = Record<string, unknown>>(gatewayUrl: string, identity: Identity | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  return postGraphQL<T>(gatewayUrl, query, variables, identity ? await bearer(identity) : {});
}
