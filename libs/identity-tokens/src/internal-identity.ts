import { createHash } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { claimsOf, identityOf, InvalidTokenError } from './claims';

/** The header that carries the verified identity from the gateway (or the worker) to a subgraph. */
export const IDENTITY_HEADER = 'x-cz-identity';
export const REQUEST_ID_HEADER = 'x-request-id';
export const INTERNAL_ISSUER = 'cz-gateway';
export const INTERNAL_AUDIENCE = 'cz-subgraph';
/** Long enough for a slow query plan, short enough that a leaked header is useless a minute later. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

/** A key's id is derived from the key itself, so rotation needs no separate bookkeeping. */
export function keyId(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

/**
 * The accepted key a token's header names (`kid`), out of keys held by id — during a rotation the
 * old and the new: `undefined` when none has that id, 'malformed' when the header cannot be read.
 */
export function keyNamedBy(token: string, keysById: ReadonlyMap<string, Uint8Array>): Uint8Array | undefined | 'malformed' {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return 'malformed';
  }
  return kid ? keysById.get(kid) : undefined;
}

export interface SignedIdentity {
  identity: Identity;
  requestId: string;
}

export async function signInternalIdentity(identity: Identity, requestId: string, signingKey: string, ttlSeconds = INTERNAL_TOKEN_TTL_SECONDS): Promise<string> {
  return new SignJWT({ ...claimsOf(identity), rid: requestId })
    .setProtectedHeader({ alg: 'HS256', kid: keyId(signingKey) })
    .setSubject(identity.subject)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(signingKey));
}

/**
 * Accepts tokens signed with any of `acceptedKeys`: during a rotation the subgraphs accept the old
 * and the new key while the gateway moves to signing with the new one.
 */
export function createInternalIdentityVerifier(acceptedKeys: readonly string[]): (token: string) => Promise<SignedIdentity> {
  if (acceptedKeys.length === 0) throw new Error('an internal identity verifier needs at least one key');
  const keys = new Map(acceptedKeys.map((secret) => [keyId(secret), new TextEncoder().encode(secret)]));
  return async (token) => {
    const key = keyNamedBy(token, keys);
    if (key === 'malformed') throw new InvalidTokenError('malformed identity token');
    if (!key) throw new InvalidTokenError('identity token signed with an unknown key');
    try {
      const { payload } = await jwtVerify(token, key, { issuer: INTERNAL_ISSUER, audience: INTERNAL_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'iat'] });
      return { identity: identityOf(payload), requestId: typeof payload.rid === 'string' ? payload.rid : 'unknown' };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      throw new InvalidTokenError((error as { code?: string }).code ?? 'identity token verification failed');
    }
  };
}
