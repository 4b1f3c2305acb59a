import { randomUUID } from 'node:crypto';
import { ANONYMOUS } from '@cz/auth';
import { IDENTITY_HEADER, type UserTokenVerifier } from '@cz/identity-tokens';
import type { Logger } from '@cz/logging';
import type { RequestHandler } from 'express';

/**
 * Establishes who is calling before any GraphQL runs. No token: the public, who may read only
 * what the access policy gives PUBLIC. A token that is present but forged, expired or malformed
 * is refused with 401 — it is never downgraded to anonymous.
 */
export function authenticate(verify: UserTokenVerifier, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    // A client may not speak for the gateway: drop any identity header it tried to send.
    delete req.headers[IDENTITY_HEADER];
    const authorization = req.header('authorization');
    const sourceAddress = req.ip;
    if (!authorization) {
      res.locals.identity = { ...ANONYMOUS, sourceAddress };
      next();
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    try {
      if (!match) throw new Error('authorization header is not a bearer token');
      res.locals.identity = { ...(await verify(match[1])), sourceAddress };
      next();
    } catch (error) {
      logger.warn({ requestId, reason: (error as Error).message }, 'refused a request with an invalid token');
      res.status(401).json({ errors: [{ message: '身份凭证无效或已过期，请重新登录', extensions: { code: 'UNAUTHENTICATED', requestId } }] });
    }
  };
}
