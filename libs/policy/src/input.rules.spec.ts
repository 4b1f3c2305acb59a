import { BadUserInputError } from '@cz/errors';
import { contact, countyCode, creditCode, email, isoDate, isoDay, notInFuture, phone, text } from './input.rules';

/** The field a rule refused, or 'accepted'. */
function verdict(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof BadUserInputError) return error.field;
    throw error;
  }
}

describe('text', () => {
  const line = (value: string, min = 1, max = 50) => text('f', value, '文号', { min, max });
  const long = (value: string, min = 1, max = 2000) => text('f', value, '理由', { min, max, multiline: true });

  it('trims, and counts characters, not bytes', () => {
    expect(line('  新地址 8 号 ', 1, 200)).toBe('新地址 8 号');
    expect(line('长'.repeat(50))).toHaveLength(50);
    expect(verdict(() => line('长'.repeat(51)))).toBe('f');
    expect(line('节'.repeat(30), 1, 30)).toHaveLength(30);
    expect(verdict(() => line('节'.repeat(31), 1, 30))).toBe('f');
  });

  it('refuses an empty or too short text', () => {
    for (const value of ['', '   ', '\t\n']) expect(verdict(() => line(value))).toBe('f');
    expect(verdict(() => line('x', 2, 100))).toBe('f');
    expect(verdict(() => long('太短了', 10))).toBe('f');
    expect(long('异'.repeat(2000), 10)).toHaveLength(2000);
    expect(verdict(() => long('异'.repeat(2001), 10))).toBe('f');
    expect(verdict(() => text('f', null as unknown as string, '文号', { min: 1, max: 50 }))).toBe('f');
  });

  it('refuses half a surrogate pair, and keeps characters beyond the BMP whole', () => {
    for (const value of ['园区\uD800', '\uDC00名称', 'a\uDBFFb']) {
      expect(verdict(() => line(value))).toBe('f');
      expect(verdict(() => long(value))).toBe('f');
    }
    expect(line('𠀀园区🏭')).toBe('𠀀园区🏭');
  });

  it('refuses control characters; a long text keeps its line breaks and tabs', () => {
    for (const value of ['园区\u0000名称', '国庆\u0007节', '张\n三', 'a\tb', 'a\u0085b', 'a\u007fb']) expect(verdict(() => line(value))).toBe('f');
    expect(long(' 缺少盖章\n请补正\t（第 2 页）\r\n ')).toBe('缺少盖章\n请补正\t（第 2 页）');
    for (const value of ['入驻机构数量不实\u0007请核查', 'a\u001bb', 'a\u009fb']) expect(verdict(() => long(value))).toBe('f');
  });
});

describe('countyCode', () => {
  it('takes six digits only', () => {
    expect(countyCode('countyCode', '140403')).toBe('140403');
    for (const value of ['luzhou', '1404', '1404031', ' 140403', '']) expect(verdict(() => countyCode('countyCode', value))).toBe('countyCode');
  });
});

describe('phone', () => {
  it('accepts a mobile number, with +86 or grouping, and a landline, with an extension', () => {
    const accepted: Array<[string, string]> = [
      ['13812345678', '13812345678'],
      ['138 1234 5678', '13812345678'],
      ['138-1234-5678', '138-1234-5678'],
      ['+8613812345678', '+8613812345678'],
      ['0355-2021234', '0355-2021234'],
      ['03552021234', '03552021234'],
      ['010-12345678-123', '010-12345678-123'],
      ['0355-12345678-123456', '0355-12345678-123456'],
    ];
    for (const [value, stored] of accepted) expect(phone('contactPhone', value)).toBe(stored);
  });

  it('refuses anything else', () => {
    for (const value of ['12345', '1381234567', '23812345678', '555-CALL-NOW', '0355-12', '1-3-8-1-2-3-4-5-6-7-8', 'a@b.cn', '']) {
      expect(verdict(() => phone('contactPhone', value))).toBe('contactPhone');
    }
  });
});

describe('email', () => {
  it('accepts a plain address, trimmed', () => {
    expect(email('email', ' Shangdang@Changzhi.Example ')).toBe('Shangdang@Changzhi.Example');
    expect(email('email', 'zhang.san@example.cn')).toBe('zhang.san@example.cn');
  });

  it('refuses what is no address', () => {
    for (const value of ['czj.changzhi.example', 'czj@changzhi', 'zhang@', 'a b@example.cn', 'a@b..cn', 'a@b.cn.', '"a"@b.cn', `${'a'.repeat(250)}@b.cn`, '']) {
      expect(verdict(() => email('email', value))).toBe('email');
    }
  });
});

describe('contact', () => {
  it('takes a phone number (without spaces) or an e-mail address (trimmed)', () => {
    for (const value of ['13812345678', ' 138-1234-5678 ', '+8613812345678', '0355-2021234', '03552021234', '010-12345678-123', 'zhang.san@example.cn']) {
      expect(contact('contact', value)).toBe(value.trim());
    }
    expect(contact('contact', '138 1234 5678')).toBe('13812345678');
  });

  it('refuses anything else, and more than 100 characters', () => {
    for (const value of ['12345', '1381234567', '23812345678', 'zhang@', 'a b@example.cn', '0355-12', '', `${'a'.repeat(96)}@b.cn`]) {
      expect(verdict(() => contact('contact', value))).toBe('contact');
    }
  });
});

describe('isoDate', () => {
  it('takes real days only', () => {
    expect(isoDate('d', '2028-02-29', '日期')).toBe('2028-02-29');
    expect(isoDay('2027-09-26')?.getUTCDay()).toBe(0);
    for (const value of ['2027-02-29', '2027-02-30', '2027-13-01', '2027-1-1', '20270101', '']) expect(verdict(() => isoDate('d', value, '日期'))).toBe('d');
  });
});

describe('creditCode and notInFuture', () => {
  it('accepts an 18-character 统一社会信用代码, upper-cased, and names the field otherwise', () => {
    expect(creditCode('code', ' 91140403ma0k1234x6 ')).toBe('91140403MA0K1234X6');
    for (const bad of ['91140403MA0K1234X', '91140403MA0K1234XI', '91140403MA0K1234O6', '']) {
      expect(() => creditCode('input.enterpriseCreditCode', bad)).toThrow(expect.objectContaining({ field: 'input.enterpriseCreditCode' }));
    }
  });

  it('refuses a day after today and accepts today', () => {
    expect(notInFuture('paidOn', '2026-11-27', '2026-11-27', '拨付日期')).toBe('2026-11-27');
    expect(() => notInFuture('paidOn', '2026-11-28', '2026-11-27', '拨付日期')).toThrow(expect.objectContaining({ field: 'paidOn' }));
  });
});
