import type { Identity } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { signInternalIdentity } from '@cz/identity-tokens';
import { createExportLink, EXPORT_LINK_TTL_SECONDS, ExportLinkError, exportSigningKeys, verifyExportToken } from './export-link';

const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const KEY = 'an-internal-identity-key-of-at-least-32-chars';
const OLD_KEY = 'the-previous-internal-identity-key-0123456789';
const now = new Date('2026-11-20T02:00:00Z');

const link = (overrides: Partial<Parameters<typeof createExportLink>[0]> = {}) =>
  createExportLink({ service: 'registry', report: 'PARKS', format: 'XLSX', params: { countyCode: '140403' }, title: '园区名单', identity: city, key: KEY, now, ...overrides });
const tokenOf = (url: string) => url.split('/').pop()!;
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (!(error instanceof ExportLinkError)) throw error;
    return [error.code, error.reason, error.message];
  }
};
const verify = (token: string, options: Partial<Parameters<typeof verifyExportToken>[1]> = {}) => verifyExportToken(token, { service: 'registry', keys: [KEY], identity: city, now, ...options });

describe('export links', () => {
  it('hands out a gateway download path, a Chinese file name of the day in Changzhi, and a 10-minute expiry', async () => {
    const created = await link({ now: new Date('2026-11-20T17:00:00Z') });
    expect(created.url).toMatch(/^\/files\/registry\/exports\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(created.fileName).toBe('园区名单-2026-11-21.xlsx');
    expect(created.expiresAt).toEqual(new Date(Date.parse('2026-11-20T17:00:00Z') + EXPORT_LINK_TTL_SECONDS * 1000));
  });

  it('gives back what was signed, to the user it was handed to', async () => {
    const { url } = await link();
    expect(await verify(tokenOf(url))).toEqual({ service: 'registry', report: 'PARKS', format: 'XLSX', params: { countyCode: '140403' }, fileName: '园区名单-2026-11-20.xlsx', subject: 'city-1', expiresAt: new Date(now.getTime() + 600_000) });
  });

  it('refuses a link past its expiry, by the service clock', async () => {
    const { url } = await link();
    expect(await refusal(verify(tokenOf(url), { now: new Date(now.getTime() + 599_000) }))).toBe('accepted');
    expect(await refusal(verify(tokenOf(url), { now: new Date(now.getTime() + 600_000) }))).toEqual(['FORBIDDEN', 'LINK_EXPIRED', '下载链接已过期，请重新导出']);
  });

  it('refuses a tampered link: changed claims, another signature, another service, garbage', async () => {
    const token = tokenOf((await link()).url);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const widened = Buffer.from(JSON.stringify({ ...claims, prm: { countyCode: null } })).toString('base64url');
    const invalid = ['FORBIDDEN', 'LINK_INVALID', '下载链接无效，请重新导出'];
    expect(await refusal(verify(`${header}.${widened}.${signature}`))).toEqual(invalid);
    expect(await refusal(verify(`${header}.${payload}.${signature.slice(0, -2)}AA`))).toEqual(invalid);
    expect(await refusal(verify(tokenOf((await link({ key: 'somebody-elses-key-with-at-least-32-characters' })).url)))).toEqual(invalid);
    expect(await refusal(verify(token, { service: 'funding' }))).toEqual(invalid);
    expect(await refusal(verify('not-a-token'))).toEqual(invalid);
  });

  it('never accepts an internal identity header as a link, though both come from the same key', async () => {
    expect(await refusal(verify(await signInternalIdentity(city, 'r', KEY)))).toEqual(['FORBIDDEN', 'LINK_INVALID', '下载链接无效，请重新导出']);
  });

  it('refuses a link presented by anyone but the user it was handed to', async () => {
    const { url } = await link();
    expect(await refusal(verify(tokenOf(url), { identity: { ...city, subject: 'city-2' } }))).toEqual(['FORBIDDEN', 'LINK_OF_ANOTHER_USER', '此下载链接属于其他用户，请自行导出']);
  });

  it('keeps working through a key rotation: a link signed with the old key passes while the old key is still accepted', async () => {
    const { url } = await link({ key: OLD_KEY });
    expect(await refusal(verify(tokenOf(url), { keys: [OLD_KEY, KEY] }))).toBe('accepted');
    expect(await refusal(verify(tokenOf(url), { keys: [KEY] }))).toEqual(['FORBIDDEN', 'LINK_INVALID', '下载链接无效，请重新导出']);
  });

  it('reads the signing keys from INTERNAL_IDENTITY_KEYS as the subgraphs do', () => {
    expect(exportSigningKeys({})).toEqual([LOCAL_DEFAULTS.internalIdentityKey]);
    expect(exportSigningKeys({ INTERNAL_IDENTITY_KEYS: `${KEY}, ${OLD_KEY}` })).toEqual([KEY, OLD_KEY]);
    expect(() => exportSigningKeys({ INTERNAL_IDENTITY_KEYS: 'short' })).toThrow('INTERNAL_IDENTITY_KEYS');
  });
});
