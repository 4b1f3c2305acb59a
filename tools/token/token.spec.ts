import { LOCAL_DEFAULTS } from '@cz/config';
import { createUserTokenVerifier, mintUserToken } from '@cz/identity-tokens';
import { identityFromArgs } from './token';

describe('npm run token', () => {
  it('mints a county officer token the gateway accepts', async () => {
    const { identity, expiresIn } = identityFromArgs(['--role', 'COUNTY_BUREAU', '--county', '140403']);
    const token = await mintUserToken(identity, { secret: LOCAL_DEFAULTS.jwtSecret, expiresIn });
    await expect(createUserTokenVerifier({ secret: LOCAL_DEFAULTS.jwtSecret })(token)).resolves.toMatchObject({ role: 'COUNTY_BUREAU', countyCode: '140403' });
  });

  it('explains a missing jurisdiction or a bad role', () => {
    expect(() => identityFromArgs(['--role', 'COUNTY_BUREAU'])).toThrow(/county/);
    expect(() => identityFromArgs(['--role', 'PARK_OPERATOR'])).toThrow(/park/);
    expect(() => identityFromArgs(['--role', 'ADMIN'])).toThrow(/--role/);
    expect(() => identityFromArgs(['--role', 'SYSTEM'])).toThrow(/--role/);
    expect(() => identityFromArgs(['--role', 'CITY_BUREAU', '--county', 'luzhou'])).toThrow(/6-digit/);
  });
});
