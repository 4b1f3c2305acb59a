import { BadUserInputError } from '@cz/errors';
import { positiveArea } from './area';
import { countyCode, phone, text } from './input.rules';
import { parseFen } from './money';

export const CONSTRUCTION_MODES = ['NEW', 'RENOVATED'] as const;
export const PARK_SERVICES = ['POLICY_CONSULTING', 'INFORMATION', 'REGISTRATION', 'LICENSING', 'OPENING_GUIDANCE', 'FIT_OUT', 'PROPERTY_MANAGEMENT', 'PLATFORM', 'FINANCING', 'OTHER'] as const;

/** The approval form's fields (附件 审批表) as a park profile holds them. */
export interface ParkProfileInput {
  name: string;
  countyCode: string;
  address: string;
  contactName: string;
  contactPhone: string;
  propertyOwnership: string;
  registeredOn: string;
  constructionInvestmentFen: string;
  buildingAreaM2: string;
  managementTeamSize: number;
  constructionMode: (typeof CONSTRUCTION_MODES)[number];
  servicesOffered: ReadonlyArray<(typeof PARK_SERVICES)[number]>;
}

/**
 * Checks one field of a park profile and returns its normalised value. `today` is the
 * Asia/Shanghai date (YYYY-MM-DD) against which a registration date may not be in the future.
 */
export function validateProfileField<K extends keyof ParkProfileInput>(field: K, value: ParkProfileInput[K], today: string): ParkProfileInput[K] {
  switch (field) {
    case 'name':
      return text(field, value as string, '园区名称', { min: 2, max: 100 }) as ParkProfileInput[K];
    case 'address':
      return text(field, value as string, '园区地址', { min: 2, max: 200 }) as ParkProfileInput[K];
    case 'contactName':
      return text(field, value as string, '负责人（联系人）', { min: 1, max: 50 }) as ParkProfileInput[K];
    case 'propertyOwnership':
      return text(field, value as string, '产权归属', { min: 1, max: 100 }) as ParkProfileInput[K];
    case 'countyCode':
      return countyCode(field, value as string) as ParkProfileInput[K];
    case 'contactPhone':
      return phone(field, value as string) as ParkProfileInput[K];
    case 'registeredOn': {
      const date = value as string;
      if (date > today) throw new BadUserInputError(field, '注册时间不能晚于今天');
      if (date < '1949-10-01') throw new BadUserInputError(field, '注册时间不合理');
      return value;
    }
    case 'constructionInvestmentFen':
      parseFen(field, value as string);
      return value;
    case 'buildingAreaM2':
      return positiveArea(field, value as string) as ParkProfileInput[K];
    case 'managementTeamSize': {
      const size = value as number;
      if (!Number.isInteger(size) || size < 0 || size > 100_000) throw new BadUserInputError(field, '管理团队人数必须是 0 到 100000 之间的整数');
      return value;
    }
    case 'constructionMode':
      if (!CONSTRUCTION_MODES.includes(value as (typeof CONSTRUCTION_MODES)[number])) throw new BadUserInputError(field, '载体建设方式无效');
      return value;
    case 'servicesOffered': {
      const services = value as ParkProfileInput['servicesOffered'];
      for (const service of services) if (!PARK_SERVICES.includes(service)) throw new BadUserInputError(field, '园区可提供的服务包含无效项');
      return [...new Set(services)] as unknown as ParkProfileInput[K];
    }
  }
  throw new BadUserInputError(String(field), '未知字段');
}

/** An update as a client sends it: any subset of fields, where an explicit null is a mistake to report. */
export type ParkProfileChanges = { [K in keyof ParkProfileInput]?: ParkProfileInput[K] | null };

/** Validates every field present in `input`, in form order, and returns the normalised values. */
export function validateParkProfile(input: ParkProfileChanges, today: string): Partial<ParkProfileInput> {
  const result: Partial<ParkProfileInput> = {};
  for (const [field, value] of Object.entries(input) as Array<[keyof ParkProfileInput, never]>) {
    if (value === undefined) continue;
    if (value === null) throw new BadUserInputError(field, '该字段不能为空');
    (result as Record<string, unknown>)[field] = validateProfileField(field, value, today);
  }
  return result;
}

/** A new profile: every field of the approval form present and valid. */
export function validateNewParkProfile(input: ParkProfileInput, today: string): ParkProfileInput {
  return validateParkProfile(input, today) as ParkProfileInput;
}

/** Art 7(四): a recognised park's official name carries the 长治 prefix, never twice. */
export function officialParkName(name: string): string {
  return name.startsWith('长治') ? name : `长治${name}`;
}
