import { USER_ROLES } from '@cz/auth';
import { BadUserInputError } from '@cz/errors';
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

/** Deliberately plain: the relay is the real judge of an address; this catches typing mistakes. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;
const COUNTY_CODE = /^\d{6}$/;

/** Checks a directory entry field by field; empty optional fields mean "all counties / parks". */
export function validateContactInput(input: ContactInput): ValidContact {
  if (!(USER_ROLES as readonly string[]).includes(input.role)) throw new BadUserInputError('role', '接收角色无效');
  const countyCode = input.countyCode?.trim() || null;
  if (countyCode !== null && !COUNTY_CODE.test(countyCode)) throw new BadUserInputError('countyCode', '县区代码必须是 6 位数字', { countyCode });
  const parkId = input.parkId?.trim() || null;
  if (parkId !== null && !isUuid(parkId)) throw new BadUserInputError('parkId', '园区 ID 格式不正确');
  const email = input.email.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw new BadUserInputError('email', '邮箱地址格式不正确');
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new BadUserInputError('name', '名称不能为空，且不超过 100 个字符');
  return { role: input.role as UserRole, countyCode, parkId, email, name };
}
