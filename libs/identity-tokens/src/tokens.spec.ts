import { SignJWT } from 'jose';
import { createInternalIdentityVerifier, signInternalIdentity } from './internal-identity';
import { createUserTokenVerifier, mintUserToken } from './user-tokens';

const SECRET = 'local-development-secret-0123456789abcdef';
const OLD_KEY = 'internal-key-old-0123456789abcdef0123456789';
const NEW_KEY = 'internal-key-new-0123456789abcdef0123456789';

describe('user tokens', () => {
  const verify = createUserTokenVerifier({ secret: SECRET });

  it('round-trips an identity with its jurisdiction', async () => {
    const token = await mintUserToken({ subject: 'u1', role: 'COUNTY_BUREAU', countyCode: '140403' }, { secret: SECRET });
    await expect(verify(token)).resolves.toEqual({ subject: 'u1', role: 'COUNTY_BUREAU', countyCode: '140403' });
  });

  it('refuses a token signed with another secret', async () => {
    const token = await mintUserToken({ subject: 'u1', role: 'CITY_BUREAU' }, { secret: 'x'.repeat(40) });
    await expect(verify(token)).rejects.toThrow();
  });

  it('refuses an expired token', async () => {
    const token = await mintUserToken({ subject: 'u1', role: 'CITY_BUREAU' }, { secret: SECRET, expiresIn: Math.floor(Date.now() / 1000) - 10 });
    await expect(verify(token)).rejects.toThrow(/EXPIRED/);
  });

  it('refuses an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'u1', role: 'CITY_BUREAU', iss: 'cz-hr-parks', aud: 'cz-hr-parks-api' })).toString('base64url');
    await expect(verify(`${header}.${body}.`)).rejects.toThrow();
  });

  it('refuses a county officer without a county', async () => {
    const token = await mintUserToken({ subject: 'u1', role: 'COUNTY_BUREAU' }, { secret: SECRET });
    await expect(verify(token)).rejects.toThrow(/county/);
  });

  it('refuses an unknown role', async () => {
    const token = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer('cz-hr-parks').setAudience('cz-hr-parks-api').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    await expect(verify(token)).rejects.toThrow(/role/);
  });

  it.each(['SYSTEM', 'PUBLIC'])('refuses a user token claiming the %s role, which no person holds', async (role) => {
    const token = await new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer('cz-hr-parks').setAudience('cz-hr-parks-api').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    await expect(verify(token)).rejects.toThrow(`cannot carry role ${role}`);
  });
});

describe('internal identity', () => {
  it('carries the identity and request id', async () => {
    const token = await signInternalIdentity({ subject: 'u1', role: 'PARK_OPERATOR', parkId: 'p1' }, 'req-1', NEW_KEY);
    await expect(createInternalIdentityVerifier([NEW_KEY])(token)).resolves.toEqual({ identity: { subject: 'u1', role: 'PARK_OPERATOR', parkId: 'p1' }, requestId: 'req-1' });
  });

  it('accepts old and new keys during a rotation, and only the new one after it', async () => {
    const signedWithOld = await signInternalIdentity({ subject: 'u1', role: 'CITY_BUREAU' }, 'r', OLD_KEY);
    await expect(createInternalIdentityVerifier([NEW_KEY, OLD_KEY])(signedWithOld)).resolves.toBeDefined();
    await expect(createInternalIdentityVerifier([NEW_KEY])(signedWithOld)).rejects.toThrow(/unknown key/);
  });

  it('refuses a user token presented as an internal identity', async () => {
    const userToken = await mintUserToken({ subject: 'u1', role: 'CITY_BUREAU' }, { secret: NEW_KEY });
    await expect(createInternalIdentityVerifier([NEW_KEY])(userToken)).rejects.toThrow();
  });

  it('refuses an expired identity', async () => {
    const token = await signInternalIdentity({ subject: 'u1', role: 'CITY_BUREAU' }, 'r', NEW_KEY, -5);
    await expect(createInternalIdentityVerifier([NEW_KEY])(token)).rejects.toThrow();
  });
});
