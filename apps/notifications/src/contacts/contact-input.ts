import { USER_ROLES } from '@cz/auth';
import { BadUserInputError } from '@cz/errors';
import { countyCode as validCountyCode, email as validEmail, text } from '@cz/policy';
import { isUuid } from '@cz/subgraph-kit';
import type { UserRole } from '../entities/notification-contact.entity';

export interface ContactInput {
  role: string;
  countyCode?: string | null;
  parkId?: string | null;
  email: string;
  name: string;
}

export interface ValidContact {
  role: UserRole;
  countyCode: string | null;
  parkId: string | null;
  email: string;
  name: string;
}

/** Checks a directory entry field by field; empty optional fields mean "all counties / parks". */
export function validateContactInput(input: ContactInput): ValidContact {
  if (!(USER_ROLES as readonly string[]).includes(input.role)) throw new BadUserInputError('role', '接收角色无效');
  const countyCode = input.countyCode?.trim() || null;
  if (countyCode !== null) validCountyCode('countyCode', countyCode);
  const parkId = input.parkId?.trim() || null;
  if (parkId !== null && !isUuid(parkId)) throw new BadUserInputError('parkId', '园区 ID 格式不正确');
  // Lower case, so one address is one directory entry whatever case it was typed in.
  const email = validEmail('email', input.email).toLowerCase();
  const name = text('name', input.name, '名称', { min: 1, max: 100 });
  return { role: input.role as UserRole, countyCode, parkId, email, name };
}
