import { validApplicationIds, validContact, validObjection, validPostedOn, validText, validWorkingDaysShape } from './publicity-input.rules';

/** A BadUserInputError naming `field`. */
const refusedOn = (field: string) => expect.objectContaining({ code: 'BAD_USER_INPUT', field });

describe('publicity input rules', () => {
  it('accepts mobile numbers, landlines and e-mail addresses as a contact', () => {
    for (const contact of ['13812345678', ' 138-1234-5678 ', '+8613812345678', '0355-2021234', '03552021234', '010-12345678-123', 'zhang.san@example.cn']) {
      expect(validContact(contact)).toBe(contact.trim());
    }
    for (const contact of ['12345', '1381234567', '23812345678', 'zhang@', 'a b@example.cn', '0355-12', '']) {
      expect(() => validContact(contact)).toThrow(refusedOn('contact'));
    }
  });

  it('keeps a reason between 10 and 2000 characters, line breaks allowed, control characters not', () => {
    expect(validObjection({ contact: '13812345678', reason: '  该园区入驻机构数量不实，\n请核查。 ' })).toEqual({ filerName: null, contact: '13812345678', reason: '该园区入驻机构数量不实，\n请核查。' });
    expect(() => validObjection({ contact: '13812345678', reason: '太短了' })).toThrow(refusedOn('reason'));
    expect(() => validObjection({ contact: '13812345678', reason: '异'.repeat(2001) })).toThrow(refusedOn('reason'));
    expect(validObjection({ contact: '13812345678', reason: '异'.repeat(2000) }).reason).toHaveLength(2000);
    expect(() => validObjection({ contact: '13812345678', reason: '入驻机构数量不实\u0007请核查' })).toThrow(refusedOn('reason'));
    expect(() => validObjection({ filerName: '张\n三', contact: '13812345678', reason: '入驻机构数量不实，请核查' })).toThrow(refusedOn('filerName'));
    expect(validObjection({ filerName: '  ', contact: 'a@b.cn', reason: '入驻机构数量不实，请核查' }).filerName).toBeNull();
  });

  it('dates a notice today or up to 30 days back, never ahead', () => {
    expect(validPostedOn('2026-10-05', '2026-10-05')).toBe('2026-10-05');
    expect(validPostedOn('2026-09-05', '2026-10-05')).toBe('2026-09-05');
    expect(() => validPostedOn('2026-09-04', '2026-10-05')).toThrow(refusedOn('postedOn'));
    expect(() => validPostedOn('2026-10-06', '2026-10-05')).toThrow(refusedOn('postedOn'));
  });

  it('refuses empty, duplicate-only or malformed application lists and odd day counts', () => {
    expect(validApplicationIds(['0b6f1d2e-5a4c-4c1e-9a51-000000000001', '0b6f1d2e-5a4c-4c1e-9a51-000000000001'])).toHaveLength(1);
    expect(() => validApplicationIds([])).toThrow(refusedOn('applicationIds'));
    expect(() => validApplicationIds(['x'])).toThrow(refusedOn('applicationIds'));
    expect(() => validApplicationIds(['0b6f1d2e-5a4c-4c1e-9a51-000000000001', ''])).toThrow(refusedOn('applicationIds'));
    expect(() => validWorkingDaysShape(0)).toThrow(refusedOn('workingDays'));
    expect(() => validWorkingDaysShape(61)).toThrow(refusedOn('workingDays'));
    expect(() => validText('title', '公示标题', '   ', { min: 1, max: 200, multiline: false })).toThrow(refusedOn('title'));
  });
});
