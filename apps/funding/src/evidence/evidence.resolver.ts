import type { EmploymentReportResolvers, LedgerEntryResolvers } from '../generated/graphql';
import { evidenceOfEntries, evidenceOfReports } from './evidence-files';

// The parents passed their read guards; the files of a whole list cost one statement.
export const evidenceFilesOfReport: EmploymentReportResolvers['evidenceFiles'] = async (report, _args, context) =>
  (await evidenceOfReports(context).load(report.id)).map((cited) => cited.file);

export const evidenceFilesOfEntry: LedgerEntryResolvers['evidenceFiles'] = async (entry, _args, context) =>
  (await evidenceOfEntries(context).load(entry.id)).map((cited) => cited.file);
