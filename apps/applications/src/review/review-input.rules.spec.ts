import { notInFuture, requiredText } from '@cz/policy';
import { DomainError } from '@cz/errors';
import { reasonsSummary, validateDecision, validatePanelMembers, validateScore } from './review-input.rules';

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return [error.code, error.details.field];
    throw error;
  }
  return 'no error';
}

describe('review input rules', () => {
  it('requires a reason for a return or a rejection, not for a pass', () => {
    expect(fieldOf(() => validateDecision({ decision: 'RETURN', reasons: [] }))).toEqual(['BAD_USER_INPUT', 'decision.reasons']);
    expect(fieldOf(() => validateDecision({ decision: 'REJECT' }))).toEqual(['BAD_USER_INPUT', 'decision.reasons']);
    expect(fieldOf(() => validateDecision({ decision: 'RETURN', reasons: [{ item: 'FACTS', reason: '  ' }] }))).toEqual(['BAD_USER_INPUT', 'decision.reasons.0.reason']);
    expect(validateDecision({ decision: 'PASS', comment: ' ' })).toEqual({ decision: 'PASS', reasons: [], comment: null });
    expect(validateDecision({ decision: 'RETURN', reasons: [{ item: 'LETTER', reason: ' 缺少盖章\n请补正 ' }] }).reasons).toEqual([{ item: 'LETTER', reason: '缺少盖章\n请补正' }]);
  });

  it('summarises reasons for the history', () => {
    const names = { LETTER: '申请函件', APPROVAL_FORM: '审批表', FEASIBILITY_STUDY: '', OPERATION_REPORT: '', INSTITUTION_ROSTER: '', OTHER: '', FACTS: '申报事实', GENERAL: '总体意见' };
    expect(reasonsSummary([{ item: 'FACTS', reason: '面积不符' }, { item: 'LETTER', reason: '缺少盖章' }], names)).toBe('申报事实：面积不符；申请函件：缺少盖章');
    expect(reasonsSummary([], names)).toBeNull();
  });

  it('accepts scores of 0–100 with at most two decimals, exactly', () => {
    for (const score of ['0', '100', '100.00', '59.99', '86.5', ' 72 ']) expect(validateScore(score)).toBe(score.trim());
    for (const score of ['100.01', '-1', '86.555', '1e2', '', 'abc', '86.']) expect(fieldOf(() => validateScore(score))).toEqual(['BAD_USER_INPUT', 'score']);
  });

  it('checks panel members and refuses a subject twice', () => {
    expect(validatePanelMembers([{ subject: ' r1 ', name: '张三', department: '发改' }])).toEqual([{ subject: 'r1', name: '张三', department: '发改' }]);
    expect(fieldOf(() => validatePanelMembers([]))).toEqual(['BAD_USER_INPUT', 'members']);
    expect(fieldOf(() => validatePanelMembers([{ subject: 'r1', name: '张三', department: '发改' }, { subject: 'r1', name: '李四', department: '财政' }]))).toEqual(['BAD_USER_INPUT', 'members.1.subject']);
    expect(fieldOf(() => validatePanelMembers([{ subject: 'r1', name: '', department: '发改' }]))).toEqual(['BAD_USER_INPUT', 'members.0.name']);
  });

  it('counts characters, not bytes, and refuses control characters', () => {
    expect(requiredText('f', '长'.repeat(50), '文号', 50)).toHaveLength(50);
    expect(fieldOf(() => requiredText('f', '长'.repeat(51), '文号', 50))).toEqual(['BAD_USER_INPUT', 'f']);
    expect(fieldOf(() => requiredText('f', 'a\u0007b', '文号', 50, true))).toEqual(['BAD_USER_INPUT', 'f']);
    expect(fieldOf(() => requiredText('f', 'a\nb', '文号', 50))).toEqual(['BAD_USER_INPUT', 'f']);
  });

  it('refuses a day after today', () => {
    expect(notInFuture('approvedOn', '2026-05-01', '2026-05-01', '批复日期')).toBe('2026-05-01');
    expect(fieldOf(() => notInFuture('approvedOn', '2026-05-02', '2026-05-01', '批复日期'))).toEqual(['BAD_USER_INPUT', 'approvedOn']);
  });
});
