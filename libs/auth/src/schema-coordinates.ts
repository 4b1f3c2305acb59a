import type { Operation } from './access-policy';

/**
 * How one schema coordinate is guarded: what its resolver does, stated as data, so that the access
 * matrix test (apps/e2e/src/access-matrix.e2e.spec.ts) can prove it through the gateway and the
 * completeness check (tools/supergraph/schema-access.spec.ts) can insist that every root field and
 * entity of the supergraph has an answer here.
 *
 * - `guard`: the resolver calls authorize / requireListFilter / can with these ACCESS_POLICY
 *   operations (all of them must allow). `shape` says how the answer is narrowed:
 *   `item` (default; also target-less operations): refused outside the caller's reach (FORBIDDEN,
 *   UNAUTHENTICATED for the public); `list`: refused only to a caller with no reach at all, otherwise
 *   only the rows within reach; `park-records`: one park's records (`Park.<list>`), refused outside
 *   reach and empty for a reviewer, who is assigned item by item, never a whole park.
 *   `whenDenied: 'empty'`: a list that answers a caller without any reach with no rows rather than a refusal.
 *   `addressedOnly`: further narrowed to what is addressed to the reader (the inbox); the policy
 *   decides only who has an inbox at all, and another reader's notification is as if it did not exist.
 * - `masked`: personal data, returned whole only when `whole` allows the reader on the parent's
 *   target, masked otherwise; `whole: null` masks it for every role (shown whole only by a reveal).
 * - `inherits`: no guard of its own; whoever passes the named coordinate's guard reads it.
 */
export type CoordinateAccess =
  | { readonly guard: Operation | readonly Operation[]; readonly shape?: 'item' | 'list' | 'park-records'; readonly whenDenied?: 'empty'; readonly addressedOnly?: true; readonly why?: string }
  | { readonly masked: true; readonly whole: Operation | null; readonly why?: string }
  | { readonly inherits: SchemaCoordinate; readonly why?: string };

/**
 * `Query.<field>`, `Mutation.<field>`, `<Entity>.__resolveReference` (the `_entities` path, which
 * bypasses Query), `<Type>.<field>` for a field with a guard of its own, `<Input>.<field>` for an
 * input field that needs a further operation.
 */
export type SchemaCoordinate = `${string}.${string}`;

/** Every way into the supergraph's data, with the guard it passes. */
export const SCHEMA_ACCESS = {
  // — park-registry —
  'Query.counties': { guard: 'county.read' },
  'Query.park': { guard: 'park.read' },
  'Query.parks': { guard: 'park.read', shape: 'list' },
  'Query.workingCalendar': { guard: 'calendar.read' },
  'Query.coveredCalendarYears': { guard: 'calendar.read' },
  'Query.addWorkingDays': { guard: 'calendar.read' },
  'Mutation.registerPark': { guard: 'park.register', why: 'the target is the county the park is registered in' },
  'Mutation.updateParkProfile': { guard: 'park.update' },
  'UpdateParkProfileInput.countyCode': { guard: 'park.relocate', why: 'a change of county also needs park.relocate (Art 14)' },
  'Mutation.setCalendarYear': { guard: 'calendar.update' },
  'Mutation.setParkSites': { guard: 'park.update' },
  'Mutation.setResidentInstitutions': { guard: 'park.update' },
  'Mutation.setPublicServices': { guard: 'park.update' },
  'Park.__resolveReference': { guard: 'park.read' },
  // Reached from lists and _entities too, so each checks the park again.
  'Park.sites': { guard: 'park.read' },
  'Park.institutions': { guard: 'park.read' },
  'Park.publicServices': { guard: 'park.read' },
  'Park.statusHistory': { guard: 'park.read' },
  'Park.contactName': { masked: true, whole: null, why: 'masked for every role; revealParkContact shows it, logged' },
  'Park.contactPhone': { masked: true, whole: null, why: 'masked for every role; revealParkContact shows it, logged' },

  // — applications —
  'Query.application': { guard: 'application.read' },
  'Query.applications': { guard: 'application.read', shape: 'list' },
  'Query.policyVersions': { guard: 'policy.read' },
  'Query.policyInForce': { guard: 'policy.read' },
  'Query.publicNotices': { guard: 'publicity.read' },
  'Query.publicNotice': { guard: 'publicity.read' },
  'Query.objections': { guard: 'objection.read', shape: 'list' },
  'Query.pendingDeadlines': { guard: 'deadline.run', why: 'what the worker schedules' },
  'Mutation.createApplication': { guard: 'application.create' },
  'Mutation.declareFacts': { guard: 'application.edit' },
  'Mutation.submitApplication': { guard: 'application.submit' },
  'Mutation.createPolicyVersion': { guard: 'policy.manage' },
  'Mutation.endPolicyVersion': { guard: 'policy.manage' },
  'Mutation.openPublicity': { guard: 'publicity.manage' },
  'Mutation.fileObjection': { guard: 'objection.file' },
  'Mutation.resolveObjection': { guard: ['publicity.manage', 'objection.read'], why: 'the answer carries the filer’s particulars' },
  'Mutation.runDeadline': { guard: 'deadline.run' },
  'Mutation.countyReview': { guard: 'application.review.county' },
  'Mutation.cityReview': { guard: 'application.review.city' },
  'Mutation.assignPanel': { guard: 'application.review.city', why: 'assigning the panel is part of the city review' },
  'Mutation.submitEvaluation': { guard: 'application.evaluate' },
  'Mutation.recordSiteInspection': { guard: 'application.inspect' },
  'Mutation.recordQualitativeFinding': { guard: 'application.review.city', why: 'the Art 6 (一)(四)(五) findings are the city review’s' },
  'Mutation.concludeEvaluation': { guard: 'application.review.city' },
  'Mutation.approveApplication': { guard: 'application.approve' },
  'Application.__resolveReference': { guard: 'application.read' },
  'Park.applications': { guard: 'application.read', shape: 'park-records' },
  'Application.materials': { guard: 'application.material.read' },
  'Application.checklist': { guard: 'application.material.read', why: 'shows the latest file of each item' },
  'Application.panel': { guard: 'application.evaluation.read' },
  'Application.evaluations': { guard: 'application.evaluation.read' },
  'Objection.filerName': { masked: true, whole: null, why: 'masked for every role, the city bureau included; revealObjectionContact shows it, logged' },
  'Objection.contact': { masked: true, whole: null, why: 'masked for every role, the city bureau included; revealObjectionContact shows it, logged' },

  // — assessment —
  'Query.assessment': { guard: 'assessment.read' },
  'Query.assessments': { guard: 'assessment.read', shape: 'list' },
  'Query.assessmentCycle': { guard: 'assessment.cycle.read' },
  'Query.assessmentCycles': { guard: 'assessment.cycle.read' },
  'Query.pendingAssessmentDeadlines': { guard: 'deadline.run' },
  'Query.assessmentTemplates': { guard: 'assessment.cycle.read', why: 'templates are the public rules of a cycle' },
  'Query.assessmentTemplate': { guard: 'assessment.cycle.read', why: 'templates are the public rules of a cycle' },
  'Query.commendedParks': { guard: 'assessment.commendations.read' },
  'Mutation.openDueAssessmentCycle': { guard: 'assessment.cycle.open', why: 'the scheduler asks as SYSTEM; the city bureau may ask too' },
  'Mutation.openAssessmentCycle': { guard: 'assessment.cycle.open' },
  'Mutation.runAssessmentDeadline': { guard: 'deadline.run' },
  'Mutation.runAssessmentDeadlineFor': { guard: 'deadline.run' },
  'Mutation.createAssessmentTemplate': { guard: 'assessment.template.manage' },
  'Mutation.updateAssessmentTemplate': { guard: 'assessment.template.manage' },
  'Mutation.saveSelfAssessment': { guard: 'assessment.self-assess', why: 'also the upload of its evidence files' },
  'Mutation.submitSelfAssessment': { guard: 'assessment.self-assess' },
  'Mutation.checkSelfAssessment': { guard: 'assessment.check' },
  'Mutation.assignAssessmentReviewers': { guard: 'assessment.assign' },
  'Mutation.scoreIndicator': { guard: 'assessment.score' },
  'Mutation.finaliseAssessment': { guard: 'assessment.finalise' },
  'Mutation.submitRectificationReport': { guard: 'assessment.rectification.report' },
  'Assessment.__resolveReference': { guard: 'assessment.read' },
  'AssessmentCycle.__resolveReference': { guard: 'assessment.cycle.read' },
  'AssessmentCycle.assessments': { guard: 'assessment.read', shape: 'list', whenDenied: 'empty', why: 'a cycle is readable by every signed-in role; its assessments only within reach' },
  'Park.assessments': { guard: 'assessment.read', shape: 'park-records' },
  'Park.latestGrade': { guard: 'assessment.read', shape: 'park-records', why: 'the grade of the assessments the caller may read' },
  'Assessment.scores': { guard: 'assessment.scores.read', why: 'the park and its county see a phase’s scores once it is graded; the panel’s side while scoring' },
  'Assessment.scoreHistory': { guard: 'assessment.scoring.read', why: 'who scored what, and every change: the panel’s working papers' },
  'Assessment.reviewers': { guard: 'assessment.scoring.read', why: 'the panel’s working papers' },

  // — funding —
  'Query.fundingAward': { guard: 'funding.read' },
  'Query.fundingAwards': { guard: 'funding.read', shape: 'list' },
  'Query.yearlyTargets': { guard: 'funding.targets.read' },
  'Query.employmentReports': { guard: 'funding.read', shape: 'list' },
  'Query.enterpriseSubsidyReferences': { guard: 'funding.read', shape: 'list' },
  'Query.fundingYear': { guard: 'funding.aggregates.read', why: 'the target is the county asked for; a county bureau asking for another is refused, not narrowed' },
  'Query.ledgerEntries': { guard: 'funding.read', shape: 'list' },
  'Mutation.setYearlyTargets': { guard: 'funding.targets.manage' },
  'Mutation.reportEmployment': { guard: 'funding.employment.report' },
  'Mutation.correctEmploymentReport': { guard: 'funding.employment.report', why: 'a returned report is corrected by whoever reports it' },
  'Mutation.verifyEmploymentReport': { guard: 'funding.employment.verify' },
  'Mutation.recordEnterpriseSubsidy': { guard: 'funding.references.manage' },
  'Mutation.updateEnterpriseSubsidyStatus': { guard: 'funding.references.manage' },
  'Mutation.confirmPayment': { guard: 'funding.pay' },
  'Mutation.recordSpending': { guard: 'funding.spend' },
  'Mutation.reviewSpending': { guard: 'funding.spending.review' },
  'Mutation.correctLedgerEntry': { guard: 'funding.correct' },
  'FundingAward.__resolveReference': { guard: 'funding.read' },
  'EmploymentReport.__resolveReference': { guard: 'funding.read' },
  'EnterpriseSubsidyReference.__resolveReference': { guard: 'funding.read' },
  'Park.fundingAwards': { guard: 'funding.read', shape: 'park-records' },
  'Park.subsidies': { guard: 'funding.read', shape: 'park-records' },
  'Park.employmentReports': { guard: 'funding.read', shape: 'park-records' },
  'Park.enterpriseSubsidies': { guard: 'funding.read', shape: 'park-records' },
  'Park.fundBalance': { guard: 'funding.read', shape: 'park-records' },

  // — notifications —
  'Query.myNotifications': { guard: 'notification.read', shape: 'list', addressedOnly: true },
  'Query.unreadNotificationCount': { guard: 'notification.read', why: 'counts what is addressed to the reader (proven by Query.myNotifications)' },
  'Query.notificationContacts': { guard: 'notification.contacts.manage' },
  'Mutation.markNotificationsRead': { guard: 'notification.read', addressedOnly: true, why: 'ids addressed to someone else are ignored' },
  'Mutation.addNotificationContact': { guard: 'notification.contacts.manage' },
  'Mutation.deactivateNotificationContact': { guard: 'notification.contacts.manage' },
  'Notification.__resolveReference': { guard: 'notification.read', addressedOnly: true },
  'NotificationContact.email': { inherits: 'Query.notificationContacts', why: 'office mailboxes, treated as personal data: the directory is the city bureau’s only' },

  // — added by other work — (append new coordinates below this line, one per line)
  // Personal data whole, on an explicit request written to the access log (issue 6).
  'Mutation.revealParkContact': { guard: 'park.contact.reveal' },
  'Mutation.revealObjectionContact': { guard: 'objection.contact.reveal' },
  // Each service's own audit log (issue 6): the city bureau only.
  'Query.registryAuditLog': { guard: 'audit.read' },
  'Query.applicationsAuditLog': { guard: 'audit.read' },
  'Query.fundingAuditLog': { guard: 'audit.read' },
  'Query.assessmentAuditLog': { guard: 'audit.read' },
  'Query.notificationsAuditLog': { guard: 'audit.read' },
  'Query.registryAuditLogExport': { guard: 'audit.read' },
  'Query.applicationsAuditLogExport': { guard: 'audit.read' },
  'Query.fundingAuditLogExport': { guard: 'audit.read' },
  'Query.assessmentAuditLogExport': { guard: 'audit.read' },
  'Query.notificationsAuditLogExport': { guard: 'audit.read' },
  // Programme statistics (issue 7): aggregates only, like fundingYear; a county bureau is held to its own county.
  'Query.parkStatistics': { guard: 'statistics.read' },
  'Query.applicationStatistics': { guard: 'statistics.read' },
  'Query.fundingStatistics': { guard: 'statistics.read' },
  'Query.assessmentStatistics': { guard: 'statistics.read' },
  // Exports as personal download links (issue 7). The guard follows the report: STATISTICS (declared and probed
  // here) as the statistics query; the list report as the list it exports, re-checked at the download.
  'Query.parkExport': { guard: 'statistics.read', why: 'report STATISTICS; report PARKS is guarded as Query.parks (park.read, contacts omitted)' },
  'Query.applicationExport': { guard: 'statistics.read', why: 'report STATISTICS; report APPLICATIONS is guarded as Query.applications (application.read)' },
  'Query.fundingExport': { guard: 'statistics.read', why: 'report STATISTICS; report AWARDS is guarded as Query.fundingAwards (funding.read: never the data team)' },
  'Query.assessmentExport': { guard: 'statistics.read', why: 'report STATISTICS; report ASSESSMENTS is guarded as Query.assessments (assessment.read)' },
} as const satisfies Record<SchemaCoordinate, CoordinateAccess>;

export type AccessCoordinate = keyof typeof SCHEMA_ACCESS;
