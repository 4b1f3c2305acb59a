import { type Identity, USER_ROLES } from '@cz/auth';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { claimsOf, identityOf, InvalidTokenError } from './claims';

export const USER_TOKEN_ISSUER = 'cz-hr-parks';
export const USER_TOKEN_AUDIENCE = 'cz-hr-parks-api';

export interface UserTokenVerifierOptions {
  /** HS256 shared secret, for local use and tests. */
  secret?: string;
  /** JWKS URL of the identity provider, for real deployments (RS256/ES256). Wins over `secret`. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export type UserTokenVerifier = (token: string) => Promise<Identity>;

/** Verifies the bearer tokens people present to the gateway. */
export function createUserTokenVerifier(options: UserTokenVerifierOptions): UserTokenVerifier {
  const issuer = options.issuer ?? USER_TOKEN_ISSUER;
  const audience = options.audience ?? USER_TOKEN_AUDIENCE;
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
    algorithms = ['RS256', 'ES256', 'PS256', 'EdDSA'];
  } else if (options.secret) {
    key = new TextEncoder().encode(options.secret);
    algorithms = ['HS256'];
  } else {
    throw new Error('a user token verifier needs a secret or a JWKS URL');
  }
  return async (token) => {
    try {
      // jose checks exp/nbf; the algorithm list stops "alg: none" and HS/RS confusion.
      const { payload } = await jwtVerify(token, key as Uint8Array, { issuer, audience, algorithms });
      const identity = identityOf(payload);
      // SYSTEM is the scheduler's, signed as an internal identity and never issued to a person; PUBLIC is "no token".
      if (!(USER_ROLES as readonly string[]).includes(identity.role)) throw new InvalidTokenError(`a user token cannot carry role ${identity.role}`);
      return identity;
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      throw new InvalidTokenError((error as { code?: string }).code ?? 'token verification failed');
    }
  };
}

/** Mints a local HS256 user token (the `npm run token` tool and tests). */
export async function mintUserToken(identity: Identity, options: { secret: string; expiresIn?: string | number; issuer?: string; audience?: string }): Promise<string> {
  return new SignJWT(claimsOf(identity))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.subject)
    .setIssuer(options.issuer ?? USER_TOKEN_ISSUER)
    .setAudience(options.audience ?? USER_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(options.secret));
}
