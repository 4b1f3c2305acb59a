import type { MutationResolvers } from '../generated/graphql';
import { finaliseAssessment } from './finalise';
import { submitRectificationReport } from './rectification-report';
import { assignReviewers, scoreIndicator } from './scoring';
import { checkSelfAssessment, saveSelfAssessment, submitSelfAssessment } from './self-assessment';
import { createTemplate, updateTemplate } from './templates';

export const Mutation: MutationResolvers = {
  createAssessmentTemplate: (_parent, { input }, context) => createTemplate(context, input),
  updateAssessmentTemplate: (_parent, { id, expectedVersion, input }, context) => updateTemplate(context, id, expectedVersion, input),
  saveSelfAssessment: (_parent, { assessmentId, entries }, context) => saveSelfAssessment(context, assessmentId, entries),
  submitSelfAssessment: (_parent, { assessmentId, expectedVersion }, context) => submitSelfAssessment(context, assessmentId, expectedVersion),
  checkSelfAssessment: (_parent, { assessmentId, expectedVersion, decision, reason }, context) => checkSelfAssessment(context, assessmentId, expectedVersion, decision, reason),
  assignAssessmentReviewers: (_parent, { assessmentId, reviewers }, context) => assignReviewers(context, assessmentId, reviewers),
  scoreIndicator: (_parent, { assessmentId, input }, context) => scoreIndicator(context, assessmentId, input),
  finaliseAssessment: (_parent, { assessmentId, expectedVersion, rectificationDeadline, rectificationRequirements }, context) =>
    finaliseAssessment(context, assessmentId, expectedVersion, { deadline: rectificationDeadline, requirements: rectificationRequirements }),
  submitRectificationReport: (_parent, { assessmentId, expectedVersion, report }, context) => submitRectificationReport(context, assessmentId, expectedVersion, report),
};
