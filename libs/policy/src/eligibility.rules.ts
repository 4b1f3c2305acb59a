import type { DeclaredFacts } from './declared-facts';
import type { PolicyParameters } from './policy-version';

export type RuleOutcome = 'PASS' | 'FAIL' | 'NEEDS_JUSTIFICATION';
export type EligibilityRule = 'SITE_AREA' | 'SUB_PARK_COUNT' | 'INSTITUTION_COUNT' | 'INSTITUTION_LICENCES' | 'REVENUE' | 'PUBLIC_SERVICES';

/** One Art 6 rule's verdict with the figures that decided it, so a reviewer can see why. */
export interface RuleResult {
  rule: EligibilityRule;
  /** e.g. 第六条第（二）项 */
  article: string;
  outcome: RuleOutcome;
  /** Named figures as decimal strings (areas m², money fen, counts). */
  figures: Record<string, string>;
  /** A sentence in Chinese for the reviewer and the applicant. */
  explanation: string;
}

/**
 * Evaluates the quantitative Art 6 rules on the facts frozen at submission. `asOf` (YYYY-MM-DD)
 * is the submission date, against which licence validity is judged.
 */
export function evaluateEligibility(_facts: DeclaredFacts, _parameters: PolicyParameters, _asOf: string): RuleResult[] {
  throw new Error('evaluateEligibility is being implemented (issue 3)');
}
