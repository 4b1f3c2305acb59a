import type { FundingKind, FundingStatus } from '../entities/funding-award.entity';
import type { LedgerEntryKind, SpendingCategory } from './ledger-entry.entity';

/** Chinese names for messages, statements and notifications. */
export const ENTRY_KIND_NAMES: Readonly<Record<LedgerEntryKind, string>> = { GRANT: '核定', PAYMENT: '拨付', SPENDING: '支出', CORRECTION: '更正' };

/** Art 11, in the words of the measures. */
export const CATEGORY_NAMES: Readonly<Record<SpendingCategory, string>> = {
  RENT_SUBSIDY: '补贴入驻企业房屋租金',
  RENOVATION: '装修',
  PROPERTY_MANAGEMENT: '物管',
  PUBLIC_VENUES: '租用公共场地或设施',
  PARK_OPERATION: '园区运行管理',
};

export const AWARD_KIND_NAMES: Readonly<Record<FundingKind, string>> = { RECOGNITION_AWARD: '认定奖励', OPERATING_SUBSIDY: '基础运营经费补助' };

export const AWARD_STATUS_NAMES: Readonly<Record<FundingStatus, string>> = { PENDING: '待定', APPROVED: '已核定', HELD: '暂缓拨付', PAID: '已拨付', CANCELLED: '已取消' };
