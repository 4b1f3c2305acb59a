import { ConflictError } from '@cz/errors';
import { APPLICATION_STAGES, nextStage, STAGE_ACTIONS, type StageAction } from './application-stages';

describe('application stages (Art 7)', () => {
  it('follows the procedure: declare → county → city → joint evaluation → publicity → approval', () => {
    const path: Array<[StageAction, string]> = [['submit', 'COUNTY_REVIEW'], ['countyPass', 'CITY_REVIEW'], ['cityPass', 'JOINT_EVALUATION'], ['openPublicity', 'PUBLICITY'], ['closePublicity', 'AWAITING_APPROVAL'], ['approve', 'APPROVED']];
    let stage: (typeof APPLICATION_STAGES)[number] = 'DRAFT';
    for (const [action, expected] of path) {
      stage = nextStage(action, stage);
      expect(stage).toBe(expected);
    }
  });

  it('lets every review stage return or reject, and a returned application be resubmitted', () => {
    for (const stage of ['COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY'] as const) {
      expect(nextStage('returnForCorrection', stage)).toBe('RETURNED');
      expect(nextStage('reject', stage)).toBe('REJECTED');
    }
    expect(nextStage('submit', 'RETURNED')).toBe('COUNTY_REVIEW');
  });

  it('refuses every action from a stage the procedure does not allow, with CONFLICT', () => {
    for (const [action, { from }] of Object.entries(STAGE_ACTIONS) as Array<[StageAction, { from: readonly string[] }]>) {
      for (const stage of APPLICATION_STAGES.filter((candidate) => !from.includes(candidate))) {
        expect(() => nextStage(action, stage)).toThrow(ConflictError);
      }
    }
    expect(() => nextStage('approve', 'PUBLICITY')).toThrow(/公示/);
  });

  it('never leaves a final stage', () => {
    for (const action of Object.keys(STAGE_ACTIONS) as StageAction[]) {
      expect(() => nextStage(action, 'APPROVED')).toThrow(ConflictError);
      expect(() => nextStage(action, 'REJECTED')).toThrow(ConflictError);
    }
  });
});
