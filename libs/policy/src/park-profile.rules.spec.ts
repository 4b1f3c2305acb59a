import { BadUserInputError } from '@cz/errors';
import { formatYuan, parseFen } from './money';
import { officialParkName, type ParkProfileInput, validateParkProfile } from './park-profile.rules';

const TODAY = '2026-11-27';
const valid: ParkProfileInput = {
  name: '潞州人力资源服务产业园',
  countyCode: '140403',
  address: '长治市潞州区英雄北路 1 号',
  contactName: '王芳',
  contactPhone: '13812345678',
  propertyOwnership: '国有',
  registeredOn: '2021-05-01',
  constructionInvestmentFen: '1200000000',
  buildingAreaM2: '3000.00',
  managementTeamSize: 12,
  constructionMode: 'RENOVATED',
  servicesOffered: ['POLICY_CONSULTING', 'FINANCING', 'FINANCING'],
};

function fieldAtFault(input: Partial<ParkProfileInput>): string | undefined {
  try {
    validateParkProfile(input, TODAY);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).field;
  }
}

describe('park profile validation', () => {
  it('accepts a complete approval form and removes duplicate services', () => {
    expect(validateParkProfile(valid, TODAY).servicesOffered).toEqual(['POLICY_CONSULTING', 'FINANCING']);
  });

  it('names the field at fault', () => {
    expect(fieldAtFault({ ...valid, buildingAreaM2: '-5' })).toBe('buildingAreaM2');
    expect(fieldAtFault({ ...valid, buildingAreaM2: '0' })).toBe('buildingAreaM2');
    expect(fieldAtFault({ ...valid, buildingAreaM2: '12.345' })).toBe('buildingAreaM2');
    expect(fieldAtFault({ ...valid, contactPhone: '12345' })).toBe('contactPhone');
    expect(fieldAtFault({ ...valid, contactPhone: '0355-2021234' })).toBeUndefined();
    expect(fieldAtFault({ ...valid, countyCode: 'luzhou' })).toBe('countyCode');
    expect(fieldAtFault({ ...valid, name: 'x' })).toBe('name');
    expect(fieldAtFault({ ...valid, name: '园区\u0000名称' })).toBe('name');
    expect(fieldAtFault({ ...valid, registeredOn: '2026-11-28' })).toBe('registeredOn');
    expect(fieldAtFault({ ...valid, constructionInvestmentFen: '1.5' })).toBe('constructionInvestmentFen');
    expect(fieldAtFault({ ...valid, managementTeamSize: -1 })).toBe('managementTeamSize');
    expect(fieldAtFault({ ...valid, managementTeamSize: 2.5 })).toBe('managementTeamSize');
  });

  it('validates only the fields an update carries', () => {
    expect(validateParkProfile({ address: '  新地址 8 号 ' }, TODAY)).toEqual({ address: '新地址 8 号' });
  });

  it('refuses an explicit null for a required field', () => {
    expect(fieldAtFault({ name: null as unknown as string })).toBe('name');
  });
});

describe('official name (Art 7(四))', () => {
  it('prefixes 长治 once', () => {
    expect(officialParkName('潞州人力资源服务产业园')).toBe('长治潞州人力资源服务产业园');
    expect(officialParkName('长治人力资源服务产业园')).toBe('长治人力资源服务产业园');
  });
});

describe('money', () => {
  it('keeps fen exact and formats yuan for people', () => {
    expect(parseFen('amount', '80000000')).toBe(80_000_000n);
    expect(formatYuan(80_000_000n)).toBe('800,000.00');
    expect(formatYuan('5')).toBe('0.05');
    expect(formatYuan(-12_345n)).toBe('-123.45');
    expect(() => parseFen('amount', '1e5')).toThrow(BadUserInputError);
    expect(() => parseFen('amount', '99999999999999')).toThrow(BadUserInputError);
  });
});
