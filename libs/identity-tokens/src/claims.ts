import { type Identity, isRole, jurisdictionProblem } from '@cz/auth';
import type { JWTPayload } from 'jose';

/** Claims carried by both user tokens and gateway-signed identity tokens. */
export interface IdentityClaims extends JWTPayload {
  role: string;
  county?: string;
  park?: string;
  name?: string;
  /** Client address, set only by the gateway on identities it forwards. */
  ip?: string;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

export function claimsOf(identity: Identity): IdentityClaims {
  return {
    role: identity.role,
    ...(identity.countyCode ? { county: identity.countyCode } : {}),
    ...(identity.parkId ? { park: identity.parkId } : {}),
    ...(identity.name ? { name: identity.name } : {}),
    ...(identity.sourceAddress ? { ip: identity.sourceAddress } : {}),
  };
}

export function identityOf(payload: JWTPayload): Identity {
  const { sub, role, county, park, name, ip } = payload as IdentityClaims;
  if (typeof sub !== 'string' || sub.length === 0) throw new InvalidTokenError('token has no subject');
  if (!isRole(role)) throw new InvalidTokenError('token has an unknown role');
  const identity: Identity = {
    subject: sub,
    role,
    ...(typeof county === 'string' ? { countyCode: county } : {}),
    ...(typeof park === 'string' ? { parkId: park } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof ip === 'string' ? { sourceAddress: ip } : {}),
  };
  const problem = jurisdictionProblem(identity);
  if (problem) throw new InvalidTokenError(problem);
  return identity;
}
