import { expectNoPersonalData, personalDataIn } from './personal-data-check';

const values = ['孙丽', '13734550987', 'li.zhang@example.cn'];
const clean = ['[park-registry] {"level":30,"msg":"park-registry ready","url":"http://127.0.0.1:4001/graphql"}', '[gateway] {"level":30,"requestId":"0b6f1d2e-5a4c-4c1e-9a51-000000000001","ms":1764316800000,"msg":"graphql request"}'];

describe('the personal-data check of the logs', () => {
  it('passes clean logs', () => {
    expect(() => expectNoPersonalData(clean, values)).not.toThrow();
  });

  it.each([
    ['a phone as typed', '{"msg":"saved","phone":"13734550987"}'],
    ['a phone regrouped', 'callback 137-3455-0987 please'],
    ['a name', '{"contactName":"孙丽"}'],
    ['a JSON-escaped name', '{"contactName":"\\u5b59\\u4e3d"}'],
    ['an e-mail address', 'relay said 550 <li.zhang@example.cn>'],
    ['a phone nobody told the check about', '{"msg":"sms to 13900001111"}'],
    ['an ID number', 'id 140403199001011234'],
  ])('fails on %s, without printing the value', (_case, line) => {
    expect(personalDataIn([...clean, line], values)).not.toEqual([]);
    expect(() => expectNoPersonalData([...clean, line], values)).toThrow(/personal data in the logs[\s\S]*line 3/);
    try {
      expectNoPersonalData([...clean, line], values);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/13734550987|13900001111|孙丽|li\.zhang|140403199001011234/);
    }
  });

  it('refuses to pass on no logs at all', () => {
    expect(() => expectNoPersonalData([], values)).toThrow(/no log lines/);
  });
});
