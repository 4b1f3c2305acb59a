import { ConflictError } from '@cz/errors';

/**
 * Art 7's procedure as a state machine. Who may take an action is the access policy's business;
 * this table only says from which stages an action may be taken and where it leads.
 */
export const APPLICATION_STAGES = ['DRAFT', 'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL', 'APPROVED', 'RETURNED', 'REJECTED'] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

export const STAGE_NAMES: Record<ApplicationStage, string> = {
  DRAFT: '草稿',
  COUNTY_REVIEW: '县区初审',
  CITY_REVIEW: '市局审核',
  JOINT_EVALUATION: '联合评审',
  PUBLICITY: '公示',
  AWAITING_APPROVAL: '待批复',
  APPROVED: '已批复',
  RETURNED: '退回修改',
  REJECTED: '不予认定',
};

export const STAGE_ACTIONS = {
  /** The park submits (or resubmits after a return): facts are frozen, the county reviews. */
  submit: { from: ['DRAFT', 'RETURNED'], to: 'COUNTY_REVIEW' },
  countyPass: { from: ['COUNTY_REVIEW'], to: 'CITY_REVIEW' },
  cityPass: { from: ['CITY_REVIEW'], to: 'JOINT_EVALUATION' },
  /** Any review stage can send the application back for correction, with reasons. */
  returnForCorrection: { from: ['COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY'], to: 'RETURNED' },
  /** Any review stage can reject it, with reasons. */
  reject: { from: ['COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL'], to: 'REJECTED' },
  openPublicity: { from: ['JOINT_EVALUATION'], to: 'PUBLICITY' },
  /** The period ended with no objection standing. */
  closePublicity: { from: ['PUBLICITY'], to: 'AWAITING_APPROVAL' },
  approve: { from: ['AWAITING_APPROVAL'], to: 'APPROVED' },
} as const satisfies Record<string, { from: readonly ApplicationStage[]; to: ApplicationStage }>;
export type StageAction = keyof typeof STAGE_ACTIONS;

/** Where `action` leads from `current`, or CONFLICT when the procedure does not allow it there. */
export function nextStage(action: StageAction, current: ApplicationStage): ApplicationStage {
  const { from, to } = STAGE_ACTIONS[action];
  if (!(from as readonly ApplicationStage[]).includes(current)) {
    throw new ConflictError(`申报当前处于“${STAGE_NAMES[current]}”阶段，不能执行此操作`, { action, stage: current });
  }
  return to;
}
