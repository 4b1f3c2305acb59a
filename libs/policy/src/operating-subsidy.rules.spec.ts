import { BadUserInputError } from '@cz/errors';
import { computeOperatingSubsidy, type OperatingSubsidyParameters } from './operating-subsidy.rules';
import { CITY_MEASURES } from './policy-version';

const CITY = CITY_MEASURES.parameters.operatingSubsidy;
/** 目标任务：城镇新增就业 40,000 人 + 农村劳动力转移就业 20,000 人 = 60,000 人 → 门槛 9,000 人。 */
const TARGETS = { urbanNewEmploymentTarget: 40_000, ruralLabourTransferTarget: 20_000 };

const city = (employmentPromoted: number, targets = TARGETS) => computeOperatingSubsidy({ ...targets, employmentPromoted }, CITY);

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).field;
  }
  return undefined;
}

describe('computeOperatingSubsidy（第十条 年度运营补助）', () => {
  describe('市级办法：目标 60,000 人，门槛 15% = 9,000 人，30 万元 + 30 元/人，封顶 50 万元', () => {
    it.each([
      ['低于门槛一人：不予补助', 8_999, false, 0, '0', false],
      ['恰好达到门槛：30 万元', 9_000, true, 0, '30000000', false],
      ['超过门槛一人：300,030 元', 9_001, true, 1, '30003000', false],
      ['超过 6,666 人：300,000 + 30 × 6,666 = 499,980 元，未封顶', 15_666, true, 6_666, '49998000', false],
      ['超过 6,667 人：500,010 元，按上限 50 万元', 15_667, true, 6_667, '50000000', true],
      ['远超门槛：封顶 50 万元', 100_000, true, 91_000, '50000000', true],
    ])('%s', (_, promoted, eligible, above, amountFen, capped) => {
      const result = city(promoted);
      expect(result).toMatchObject({ targetsTotal: 60_000, thresholdPersons: 9_000, employmentPromoted: promoted, eligible, personsAboveThreshold: above, amountFen, capped });
    });

    it('未达门槛时各分项均为 0', () => {
      expect(city(8_999)).toMatchObject({ baseFen: '0', aboveThresholdFen: '0', uncappedFen: '0', capFen: '50000000', amountFen: '0' });
    });

    it('封顶时保留封顶前金额，便于核对', () => {
      expect(city(15_667)).toMatchObject({ baseFen: '30000000', perPersonAboveFen: '3000', aboveThresholdFen: '20001000', uncappedFen: '50001000', capFen: '50000000', amountFen: '50000000' });
    });
  });

  describe('门槛向上取整：目标 10,001 人 × 15% = 1,500.15 → 1,501 人', () => {
    const targets = { urbanNewEmploymentTarget: 10_001, ruralLabourTransferTarget: 0 };

    it('1,500 人：未达到门槛', () => {
      expect(city(1_500, targets)).toMatchObject({ thresholdPersons: 1_501, eligible: false, amountFen: '0' });
    });

    it('1,501 人：恰好达到，30 万元', () => {
      expect(city(1_501, targets)).toMatchObject({ thresholdPersons: 1_501, eligible: true, amountFen: '30000000' });
    });

    it('整除时不多取一人：目标 100 人 → 门槛 15 人', () => {
      expect(city(15, { urbanNewEmploymentTarget: 60, ruralLabourTransferTarget: 40 })).toMatchObject({ thresholdPersons: 15, eligible: true });
    });
  });

  describe('目标为 0：门槛为 0，任何 N ≥ 0 均达到（按条文字面；未录入目标的年度不应调用）', () => {
    const none = { urbanNewEmploymentTarget: 0, ruralLabourTransferTarget: 0 };

    it('N = 0：30 万元', () => {
      expect(city(0, none)).toMatchObject({ targetsTotal: 0, thresholdPersons: 0, eligible: true, personsAboveThreshold: 0, amountFen: '30000000' });
    });

    it('N = 100：300,000 + 30 × 100 = 303,000 元', () => {
      expect(city(100, none)).toMatchObject({ eligible: true, personsAboveThreshold: 100, amountFen: '30300000' });
    });
  });

  describe('县级版本（第二十二条）：10%，20 万元 + 20 元/人，封顶 40 万元', () => {
    const county: OperatingSubsidyParameters = { thresholdPercentOfTargets: 10, baseFen: '20000000', perPersonAboveFen: '2000', capFen: '40000000' };
    const targets = { urbanNewEmploymentTarget: 30_000, ruralLabourTransferTarget: 5_005 };
    const run = (employmentPromoted: number) => computeOperatingSubsidy({ ...targets, employmentPromoted }, county);

    it.each([
      ['门槛 ⌈3,500.5⌉ = 3,501 人，3,500 人不予补助', 3_500, false, '0', false],
      ['3,501 人：20 万元', 3_501, true, '20000000', false],
      ['超过 10,000 人：200,000 + 20 × 10,000 = 400,000 元，恰好等于上限，不算封顶', 13_501, true, '40000000', false],
      ['超过 10,001 人：400,020 元，按上限 40 万元', 13_502, true, '40000000', true],
    ])('%s', (_, promoted, eligible, amountFen, capped) => {
      expect(run(promoted)).toMatchObject({ targetsTotal: 35_005, thresholdPercent: 10, thresholdPersons: 3_501, eligible, amountFen, capped });
    });
  });

  describe('核算过程（steps）如同工作底稿', () => {
    it('达标且封顶：列出门槛公式、超门槛金额和封顶', () => {
      expect(city(15_667).steps).toEqual([
        { label: '目标任务合计', formula: '城镇新增就业目标 40,000 人 + 农村劳动力转移就业目标 20,000 人', value: '60,000 人' },
        { label: '补助门槛人数（向上取整）', formula: '⌈15% × 60,000 人⌉ = ⌈9,000⌉', value: '9,000 人' },
        { label: '促进就业人数与门槛比较', formula: '15,667 人 ≥ 9,000 人', value: '达到门槛' },
        { label: '超过门槛人数', formula: '15,667 人 − 9,000 人', value: '6,667 人' },
        { label: '基础补助', formula: '达到门槛即给予', value: '300,000.00 元' },
        { label: '超门槛补助', formula: '30.00 元/人 × 6,667 人', value: '200,010.00 元' },
        { label: '封顶前合计', formula: '300,000.00 元 + 200,010.00 元', value: '500,010.00 元' },
        { label: '核定运营补助金额', formula: '500,010.00 元 > 上限 500,000.00 元，按上限核定', value: '500,000.00 元' },
      ]);
    });

    it('未封顶时写明未封顶', () => {
      expect(city(15_666).steps.at(-1)).toEqual({ label: '核定运营补助金额', formula: '499,980.00 元 ≤ 上限 500,000.00 元，未封顶', value: '499,980.00 元' });
    });

    it('未达门槛：写出不足的比较和 0 元', () => {
      const steps = computeOperatingSubsidy({ urbanNewEmploymentTarget: 10_001, ruralLabourTransferTarget: 0, employmentPromoted: 1_500 }, CITY).steps;
      expect(steps).toEqual([
        { label: '目标任务合计', formula: '城镇新增就业目标 10,001 人 + 农村劳动力转移就业目标 0 人', value: '10,001 人' },
        { label: '补助门槛人数（向上取整）', formula: '⌈15% × 10,001 人⌉ = ⌈1,500.15⌉', value: '1,501 人' },
        { label: '促进就业人数与门槛比较', formula: '1,500 人 < 1,501 人', value: '未达到门槛' },
        { label: '核定运营补助金额', formula: '未达到门槛，不予补助', value: '0.00 元' },
      ]);
    });
  });

  describe('输入有误时指明字段', () => {
    it.each([
      ['urbanNewEmploymentTarget', -1],
      ['urbanNewEmploymentTarget', 1.5],
      ['ruralLabourTransferTarget', Number.MAX_SAFE_INTEGER + 1],
      ['ruralLabourTransferTarget', Number.NaN],
      ['employmentPromoted', -5],
      ['employmentPromoted', 9_000.5],
      ['employmentPromoted', Number.POSITIVE_INFINITY],
      ['employmentPromoted', '9000' as unknown as number],
    ])('%s = %p', (field, value) => {
      expect(fieldOf(() => computeOperatingSubsidy({ ...TARGETS, employmentPromoted: 9_000, [field]: value }, CITY))).toBe(field);
    });

    it('目标合计超出安全整数范围', () => {
      const huge = { urbanNewEmploymentTarget: Number.MAX_SAFE_INTEGER, ruralLabourTransferTarget: 1, employmentPromoted: 0 };
      expect(fieldOf(() => computeOperatingSubsidy(huge, CITY))).toBe('ruralLabourTransferTarget');
    });

    it.each([
      ['operatingSubsidy.thresholdPercentOfTargets', { thresholdPercentOfTargets: 15.5 }],
      ['operatingSubsidy.thresholdPercentOfTargets', { thresholdPercentOfTargets: 101 }],
      ['operatingSubsidy.baseFen', { baseFen: '300000.00' }],
      ['operatingSubsidy.perPersonAboveFen', { perPersonAboveFen: '-3000' }],
      ['operatingSubsidy.capFen', { capFen: '1' }],
    ])('参数 %s 有误', (field, override) => {
      expect(fieldOf(() => computeOperatingSubsidy({ ...TARGETS, employmentPromoted: 9_000 }, { ...CITY, ...override }))).toBe(field);
    });
  });
});
