import { insertTables } from '@cz/db';
import { generateScaledCity } from '@cz/demo-data';
import type { ScaledSeeder } from '@cz/subgraph-kit';
import { SCHEMA } from './config';

/**
 * The applications service's part of the scaled city: its copy of the parks, the measures in force
 * before the current version, and ten years of applications with everything the procedure records.
 */
export const scaledSeeder: ScaledSeeder = {
  table: 'application',
  seed: (manager, options) => {
    const city = generateScaledCity(options);
    const { historicMeasures: measures, applications } = city;
    return insertTables(manager, SCHEMA, [
      ['park_ref', city.parkRefs],
      [
        'policy_version',
        [{ code: measures.code, title: measures.title, jurisdictionKind: 'CITY', countyCode: null, effectiveFrom: measures.effectiveFrom, effectiveTo: measures.effectiveTo, parameters: measures.parameters, createdBy: 'seed:scaled', createdAt: `${measures.effectiveFrom}T09:00:00+08:00` }],
      ],
      ['application', applications.application],
      ['application_transition', applications.applicationTransition],
      ['application_draft_facts', applications.applicationDraftFacts],
      ['application_submission', applications.applicationSubmission],
      ['application_material', applications.applicationMaterial],
      ['review_decision', applications.reviewDecision],
      ['application_panel_member', applications.applicationPanelMember],
      ['panel_evaluation', applications.panelEvaluation],
      ['evaluation_score_change', applications.evaluationScoreChange],
      ['site_inspection', applications.siteInspection],
      ['qualitative_finding', applications.qualitativeFinding],
      ['evaluation_conclusion', applications.evaluationConclusion],
      ['publicity', applications.publicity],
      ['publicity_item', applications.publicityItem],
      ['objection', applications.objection],
    ]);
  },
};
