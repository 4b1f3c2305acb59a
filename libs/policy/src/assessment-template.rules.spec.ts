import { BadUserInputError } from '@cz/errors';
import {
  type AssessmentIndicator,
  type AssessmentTemplateContent,
  computeAssessmentTotal,
  consequencesOf,
  DEFAULT_ASSESSMENT_TEMPLATE,
  revocationDue,
  templateChangeRefusal,
  validateAssessmentTemplate,
} from './assessment-template.rules';

/** The BadUserInputError `fn` throws, for asserting its field. */
function inputError(fn: () => unknown): BadUserInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputError');
}

const item = (code: string, dimension: AssessmentIndicator['dimension'], maxScore: string, weight: string): AssessmentIndicator => ({ code, dimension, name: `指标${code}`, description: '', maxScore, weight });

/**
 * Maxima differ from weights: A counts half its score (max 20, weight 10), B and C count their
 * score as is. Total = A/2 + B + C, so an A in hundredths lands on half-hundredths of the total.
 */
const HALVING: AssessmentTemplateContent = {
  indicators: [item('A', 'ECONOMIC_DEVELOPMENT', '20', '10'), item('B', 'ROLE_PLAYED', '45', '45'), item('C', 'OPERATIONS_MANAGEMENT', '45', '45')],
  cutoffs: { excellent: '90', qualified: '60' },
};

const fullMarks = Object.fromEntries(DEFAULT_ASSESSMENT_TEMPLATE.indicators.map((indicator) => [indicator.code, indicator.maxScore]));

describe('computeAssessmentTotal (Art 19: Σ score ÷ maxScore × weight)', () => {
  it('gives full marks on the default template 100.00, excellent, with each dimension’s points', () => {
    expect(computeAssessmentTotal(DEFAULT_ASSESSMENT_TEMPLATE, fullMarks)).toEqual({
      totalScore: '100.00',
      grade: 'EXCELLENT',
      byDimension: { ECONOMIC_DEVELOPMENT: '40.00', ROLE_PLAYED: '35.00', OPERATIONS_MANAGEMENT: '25.00' },
    });
  });

  it('sums the default template’s points as scored: 8+7+6+5 + 9+4+8+7 + 12+8 = 74', () => {
    const scores = { E1: '8', E2: '7', E3: '6', E4: '5', R1: '9', R2: '4', R3: '8', R4: '7', O1: '12', O2: '8' };
    expect(computeAssessmentTotal(DEFAULT_ASSESSMENT_TEMPLATE, scores)).toEqual({
      totalScore: '74.00',
      grade: 'QUALIFIED',
      byDimension: { ECONOMIC_DEVELOPMENT: '26.00', ROLE_PLAYED: '28.00', OPERATIONS_MANAGEMENT: '20.00' },
    });
  });

  it('scales each score by weight ÷ maxScore when they differ: 15/20×40 + 7.5/10×30 + 3/5×30 = 70.50', () => {
    const template: AssessmentTemplateContent = {
      indicators: [item('A', 'ECONOMIC_DEVELOPMENT', '20', '40'), item('B', 'ROLE_PLAYED', '10', '30'), item('C', 'OPERATIONS_MANAGEMENT', '5', '30')],
      cutoffs: { excellent: '90', qualified: '60' },
    };
    expect(computeAssessmentTotal(template, { A: '15', B: '7.5', C: '3' })).toEqual({
      totalScore: '70.50',
      grade: 'QUALIFIED',
      byDimension: { ECONOMIC_DEVELOPMENT: '30.00', ROLE_PLAYED: '22.50', OPERATIONS_MANAGEMENT: '18.00' },
    });
  });

  it('rounds the exact total half up once: 19.99/2 + 25 + 25 = 59.995 is 60.00 (float formatting gives 59.99)', () => {
    expect((19.99 / 20 * 10 + 50).toFixed(2)).toBe('59.99');
    const total = computeAssessmentTotal(HALVING, { A: '19.99', B: '25', C: '25' });
    expect(total).toMatchObject({ totalScore: '60.00', grade: 'QUALIFIED' });
    expect(total.byDimension.ECONOMIC_DEVELOPMENT).toBe('10.00');
  });

  it.each([
    // [A, B, C, total, grade]: the grade boundaries reached through a template, not typed in.
    ['19.97', '25', '25', '59.99', 'UNQUALIFIED'], // 9.985 + 50 = 59.985, half up to 59.99
    ['20', '25', '25', '60.00', 'QUALIFIED'],
    ['19.98', '39.99', '40', '89.98', 'QUALIFIED'], // 9.99 + 79.99 = 89.98
    ['0', '44.99', '45', '89.99', 'QUALIFIED'],
    ['0.01', '44.99', '45', '90.00', 'EXCELLENT'], // 0.005 + 89.99 = 89.995, half up to 90.00
    ['0', '45', '45', '90.00', 'EXCELLENT'],
    ['0', '0', '0', '0.00', 'UNQUALIFIED'],
  ])('A=%s B=%s C=%s totals %s, %s', (a, b, c, totalScore, grade) => {
    expect(computeAssessmentTotal(HALVING, { A: a, B: b, C: c })).toMatchObject({ totalScore, grade });
  });

  it('follows the template’s own cut-offs', () => {
    const strict = { ...HALVING, cutoffs: { excellent: '95', qualified: '70' } };
    expect(computeAssessmentTotal(strict, { A: '0', B: '45', C: '45' }).grade).toBe('QUALIFIED');
    expect(computeAssessmentTotal(strict, { A: '0', B: '24.99', C: '45' }).grade).toBe('UNQUALIFIED');
  });

  it('refuses an unscored indicator, naming it', () => {
    const error = inputError(() => computeAssessmentTotal(HALVING, { A: '10', C: '10' }));
    expect(error.field).toBe('scores.B');
    expect(error.message).toContain('指标B');
  });

  it('refuses a score above the indicator’s maximum or malformed', () => {
    expect(inputError(() => computeAssessmentTotal(HALVING, { A: '20.01', B: '1', C: '1' })).field).toBe('scores.A');
    expect(inputError(() => computeAssessmentTotal(HALVING, { A: '1', B: '1.005', C: '1' })).field).toBe('scores.B');
    expect(inputError(() => computeAssessmentTotal(HALVING, { A: '1', B: '1', C: '-1' })).field).toBe('scores.C');
  });
});

describe('validateAssessmentTemplate', () => {
  const valid = (): AssessmentTemplateContent => ({ indicators: HALVING.indicators.map((indicator) => ({ ...indicator })), cutoffs: { ...HALVING.cutoffs } });
  const withIndicator = (index: number, change: Partial<AssessmentIndicator>): AssessmentTemplateContent => {
    const content = valid();
    (content.indicators as AssessmentIndicator[])[index] = { ...content.indicators[index], ...change };
    return content;
  };

  it('accepts the default template and a template whose weights differ from its maxima', () => {
    expect(validateAssessmentTemplate(DEFAULT_ASSESSMENT_TEMPLATE)).toBe(DEFAULT_ASSESSMENT_TEMPLATE);
    expect(() => validateAssessmentTemplate(valid())).not.toThrow();
  });

  it.each<[string, () => AssessmentTemplateContent, string]>([
    ['no indicators', () => ({ ...valid(), indicators: [] }), 'indicators'],
    ['a malformed code', () => withIndicator(1, { code: 'B 1' }), 'indicators.1.code'],
    ['a duplicate code', () => withIndicator(2, { code: 'A' }), 'indicators.2.code'],
    ['an unknown dimension', () => withIndicator(0, { dimension: 'FINANCE' as AssessmentIndicator['dimension'] }), 'indicators.0.dimension'],
    ['an empty name', () => withIndicator(0, { name: ' ' }), 'indicators.0.name'],
    ['a name with a control character', () => withIndicator(1, { name: '营业\u0007收入' }), 'indicators.1.name'],
    ['a description with NUL, which the jsonb content cannot hold', () => withIndicator(1, { description: '说明\u0000' }), 'indicators.1.description'],
    ['a description over 500 characters', () => withIndicator(0, { description: '长'.repeat(501) }), 'indicators.0.description'],
    ['a zero maximum', () => withIndicator(1, { maxScore: '0' }), 'indicators.1.maxScore'],
    ['a weight with three decimals', () => withIndicator(2, { weight: '45.001' }), 'indicators.2.weight'],
    ['weights adding up to 99.99', () => withIndicator(2, { weight: '44.99' }), 'indicators'],
    ['a dimension without indicators', () => withIndicator(2, { dimension: 'ROLE_PLAYED' }), 'indicators'],
    ['qualified above excellent', () => ({ ...valid(), cutoffs: { excellent: '60', qualified: '90' } }), 'cutoffs.qualified'],
    ['a malformed cut-off', () => ({ ...valid(), cutoffs: { excellent: 'ninety', qualified: '60' } }), 'cutoffs.excellent'],
  ])('refuses %s, naming the field', (_case, content, field) => {
    expect(inputError(() => validateAssessmentTemplate(content())).field).toBe(field);
  });

  it('tells the bureau what the weights add up to', () => {
    expect(inputError(() => validateAssessmentTemplate(withIndicator(2, { weight: '44.99' }))).message).toContain('99.99');
  });
});

describe('templateChangeRefusal (a template used by a cycle is immutable)', () => {
  it('lets an unused template change', () => {
    expect(templateChangeRefusal([])).toBeNull();
  });

  it('refuses a used one, naming the years in order', () => {
    expect(templateChangeRefusal([2026, 2025])).toBe('该指标模板已用于 2025、2026 年度考核周期，不能修改；请新建模板');
  });
});

describe('consequencesOf (Art 20)', () => {
  it.each([
    ['INITIAL', 'EXCELLENT', { outcome: 'FINAL', commended: true, subsidy: 'RELEASED' }],
    ['INITIAL', 'QUALIFIED', { outcome: 'FINAL', commended: false, subsidy: 'RELEASED' }],
    ['INITIAL', 'UNQUALIFIED', { outcome: 'RECTIFICATION_ORDERED', commended: false, subsidy: 'HELD' }],
    ['REASSESSMENT', 'EXCELLENT', { outcome: 'FINAL', commended: true, subsidy: 'RELEASED' }],
    ['REASSESSMENT', 'QUALIFIED', { outcome: 'FINAL', commended: false, subsidy: 'RELEASED' }],
    ['REASSESSMENT', 'UNQUALIFIED', { outcome: 'FINAL', commended: false, subsidy: 'CANCELLED' }],
  ] as const)('%s %s → %o', (phase, grade, expected) => {
    expect(consequencesOf(phase, grade)).toEqual(expected);
  });
});

describe('revocationDue (Art 20(二): two consecutive yearly final grades unqualified)', () => {
  it('revokes on the second consecutive unqualified year', () => {
    expect(revocationDue(2026, 'UNQUALIFIED', { 2025: 'UNQUALIFIED' })).toBe(true);
  });

  it.each([
    ['the previous year was qualified', 2026, 'UNQUALIFIED', { 2025: 'QUALIFIED' }],
    ['the previous year has no final grade', 2026, 'UNQUALIFIED', {}],
    ['the unqualified year is not the previous one', 2026, 'UNQUALIFIED', { 2024: 'UNQUALIFIED' }],
    ['this year is qualified', 2026, 'QUALIFIED', { 2025: 'UNQUALIFIED' }],
  ] as const)('does not when %s', (_case, year, grade, byYear) => {
    expect(revocationDue(year, grade, byYear)).toBe(false);
  });
});
