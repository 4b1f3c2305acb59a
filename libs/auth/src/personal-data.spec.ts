import { BadUserInputError } from '@cz/errors';
import { findPersonalData, maskContact, maskEmail, maskIdNumber, revealReason, scrubPersonalData } from './personal-data';

describe('personal data masks', () => {
  it('keeps the first 4 and last 4 characters of an ID number and hides the birth date', () => {
    expect(maskIdNumber('140403199001011234')).toBe('1404**********1234');
    expect(maskIdNumber('14040319900101123X')).toBe('1404**********123X');
    expect(maskIdNumber('140403900101123')).toBe('1404*******1123');
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('keeps the first character and the domain of an e-mail address', () => {
    expect(maskEmail('zhang.san@example.cn')).toBe('z***@example.cn');
    expect(maskEmail('@x')).toBe('***');
  });

  it('masks a contact whatever form it takes', () => {
    expect(maskContact('13900001111')).toBe('139****1111');
    expect(maskContact('0355-7221234')).toBe('*******1234');
    expect(maskContact(' li@example.cn ')).toBe('l***@example.cn');
  });
});

describe('personal data in free text', () => {
  const line = 'relay said 550 <zhang.san@example.cn> rejected; callback 138-3550-1234, id 140403199001011234, office 0355-7221234';

  it('finds mobiles, landlines, ID numbers and e-mail addresses', () => {
    expect(findPersonalData(line).map((found) => found.kind).sort()).toEqual(['email', 'idNumber', 'landline', 'mobile']);
  });

  it('masks them in place', () => {
    const scrubbed = scrubPersonalData(line);
    expect(scrubbed).toBe('relay said 550 <z***@example.cn> rejected; callback 138****1234, id 1404**********1234, office *******1234');
    expect(findPersonalData(scrubbed)).toEqual([]);
  });

  it('leaves ids, timestamps and dates alone', () => {
    const harmless = 'request 0b6f1d2e-5a4c-4c1e-9a51-000000000001 at 1764316800000 on 2026-10-10, job deadline.PUBLICITY_CLOSE.13900001111x';
    expect(findPersonalData(harmless)).toEqual([]);
    expect(scrubPersonalData(harmless)).toBe(harmless);
  });
});

describe('reveal reason', () => {
  it('keeps a real reason, trimmed', () => {
    expect(revealReason('  联系园区核实入驻机构名册  ')).toBe('联系园区核实入驻机构名册');
  });

  it.each(['', '   ', '看看', '……。。', 'x'.repeat(201), '核实\u0000情况说明'])('refuses %j naming the field', (reason) => {
    expect(() => revealReason(reason)).toThrow(BadUserInputError);
    try {
      revealReason(reason);
    } catch (error) {
      expect((error as BadUserInputError).field).toBe('reason');
      expect((error as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
