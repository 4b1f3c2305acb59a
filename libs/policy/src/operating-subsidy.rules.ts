import { BadUserInputError } from '@cz/errors';
import { formatYuan, parseFen } from './money';
import type { PolicyParameters } from './policy-version';

export type OperatingSubsidyParameters = PolicyParameters['operatingSubsidy'];

/** The year's figures, in persons: the city's two targets (entered by the city bureau) and the park's verified count. */
export interface OperatingSubsidyInput {
  /** 城镇新增就业目标任务 */
  urbanNewEmploymentTarget: number;
  /** 农村劳动力转移就业目标任务 */
  ruralLabourTransferTarget: number;
  /** 经核实的促进就业人数 N */
  employmentPromoted: number;
}

/** One line of the worksheet: what is computed, from which figures, with what result. */
export interface OperatingSubsidyStep {
  label: string;
  formula: string;
  value: string;
}

/**
 * Every intermediate figure of Art 10, so a finance officer can redo the sum by hand. Persons are
 * integers; money is integer fen as decimal strings, like the policy parameters it comes from.
 * The granted parts (`baseFen`, `aboveThresholdFen`, `uncappedFen`) are '0' when not eligible.
 */
export interface OperatingSubsidyComputation {
  targetsTotal: number;
  thresholdPercent: number;
  thresholdPersons: number;
  employmentPromoted: number;
  eligible: boolean;
  personsAboveThreshold: number;
  perPersonAboveFen: string;
  baseFen: string;
  aboveThresholdFen: string;
  uncappedFen: string;
  capFen: string;
  amountFen: string;
  capped: boolean;
  steps: OperatingSubsidyStep[];
}

function persons(field: string, value: unknown): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new BadUserInputError(field, '人数必须是非负整数', { value });
  }
  return BigInt(value);
}

function subsidyParameters(parameters: OperatingSubsidyParameters) {
  const percent = parameters?.thresholdPercentOfTargets;
  if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new BadUserInputError('operatingSubsidy.thresholdPercentOfTargets', '门槛比例必须是 0 到 100 之间的整数（百分比）', { value: percent });
  }
  const fen = (name: 'baseFen' | 'perPersonAboveFen' | 'capFen') => parseFen(`operatingSubsidy.${name}`, parameters[name]);
  const base = fen('baseFen');
  const cap = fen('capFen');
  if (cap < base) throw new BadUserInputError('operatingSubsidy.capFen', '补助上限不能低于基础补助金额');
  return { percent: BigInt(percent), base, perPerson: fen('perPersonAboveFen'), cap };
}

const people = (count: bigint) => `${count.toLocaleString('en-US')} 人`;
const yuan = (fen: bigint) => `${formatYuan(fen)} 元`;

/** percent × T ÷ 100 written out exactly (e.g. 1,500.15), so the rounding up can be seen. */
function exactShare(hundredths: bigint): string {
  const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${(hundredths / 100n).toLocaleString('en-US')}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Art 10 yearly operating subsidy: threshold = ⌈percent × T⌉ persons, where T = urban new
 * employment target + rural labour transfer target; a park whose verified count N 达到 (≥, Civil
 * Code art. 1259) the threshold gets base + perPerson × (N − threshold), capped; below it, nothing.
 * All arithmetic is in integers: the ceiling is (percent × T + 99) ÷ 100, which never rounds a
 * share such as 1,500.15 the wrong way as a float might.
 *
 * T = 0 gives threshold 0, so every N ≥ 0 is eligible: that is what the text says literally. The
 * caller must not compute a subsidy for a year whose targets the city bureau has not entered.
 */
export function computeOperatingSubsidy(input: OperatingSubsidyInput, parameters: OperatingSubsidyParameters): OperatingSubsidyComputation {
  const urban = persons('urbanNewEmploymentTarget', input?.urbanNewEmploymentTarget);
  const rural = persons('ruralLabourTransferTarget', input?.ruralLabourTransferTarget);
  const promoted = persons('employmentPromoted', input?.employmentPromoted);
  const { percent, base, perPerson, cap } = subsidyParameters(parameters);

  const total = urban + rural;
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new BadUserInputError('ruralLabourTransferTarget', '目标任务合计超出允许范围', { value: input.ruralLabourTransferTarget });
  const threshold = (percent * total + 99n) / 100n;
  const eligible = promoted >= threshold;
  const above = eligible ? promoted - threshold : 0n;
  const granted = eligible ? base : 0n;
  const aboveFen = perPerson * above;
  const uncapped = granted + aboveFen;
  const capped = uncapped > cap;
  const amount = capped ? cap : uncapped;

  const steps: OperatingSubsidyStep[] = [
    { label: '目标任务合计', formula: `城镇新增就业目标 ${people(urban)} + 农村劳动力转移就业目标 ${people(rural)}`, value: people(total) },
    { label: '补助门槛人数（向上取整）', formula: `⌈${percent}% × ${people(total)}⌉ = ⌈${exactShare(percent * total)}⌉`, value: people(threshold) },
    { label: '促进就业人数与门槛比较', formula: `${people(promoted)} ${eligible ? '≥' : '<'} ${people(threshold)}`, value: eligible ? '达到门槛' : '未达到门槛' },
  ];
  if (!eligible) {
    steps.push({ label: '核定运营补助金额', formula: '未达到门槛，不予补助', value: yuan(0n) });
  } else {
    steps.push(
      { label: '超过门槛人数', formula: `${people(promoted)} − ${people(threshold)}`, value: people(above) },
      { label: '基础补助', formula: '达到门槛即给予', value: yuan(granted) },
      { label: '超门槛补助', formula: `${yuan(perPerson)}/人 × ${people(above)}`, value: yuan(aboveFen) },
      { label: '封顶前合计', formula: `${yuan(granted)} + ${yuan(aboveFen)}`, value: yuan(uncapped) },
      {
        label: '核定运营补助金额',
        formula: capped ? `${yuan(uncapped)} > 上限 ${yuan(cap)}，按上限核定` : `${yuan(uncapped)} ≤ 上限 ${yuan(cap)}，未封顶`,
        value: yuan(amount),
      },
    );
  }

  return {
    targetsTotal: Number(total),
    thresholdPercent: Number(percent),
    thresholdPersons: Number(threshold),
    employmentPromoted: Number(promoted),
    eligible,
    personsAboveThreshold: Number(above),
    perPersonAboveFen: perPerson.toString(),
    baseFen: granted.toString(),
    aboveThresholdFen: aboveFen.toString(),
    uncappedFen: uncapped.toString(),
    capFen: cap.toString(),
    amountFen: amount.toString(),
    capped,
    steps,
  };
}

/** Status of a park's operating subsidy for a year, as far as the assessment decides it. */
export type OperatingSubsidyStatus = 'PENDING' | 'APPROVED' | 'HELD' | 'CANCELLED';

/** The latest grading of the park's assessment for the subsidy year, as funding heard of it. */
export interface AssessmentResultForSubsidy {
  outcome: 'FINAL' | 'RECTIFICATION_ORDERED';
  grade: 'EXCELLENT' | 'QUALIFIED' | 'UNQUALIFIED';
}

/**
 * Art 20 for the money: pending until the year is assessed; approved when the final grade is
 * qualified or better; held while a rectification is open; cancelled when the re-assessment is
 * still unqualified. A revoked park never receives new funds (Art 20(二)), whatever its grade.
 */
export function operatingSubsidyStatus(parkRevoked: boolean, result: AssessmentResultForSubsidy | null): OperatingSubsidyStatus {
  if (parkRevoked) return 'CANCELLED';
  if (!result) return 'PENDING';
  if (result.outcome === 'RECTIFICATION_ORDERED') return 'HELD';
  return result.grade === 'UNQUALIFIED' ? 'CANCELLED' : 'APPROVED';
}
