import { loadReadableRecord, readableParkRecords } from '@cz/park-refs';
import type { EmploymentReportResolvers, ParkResolvers } from '../generated/graphql';
import { reportById, reportsByPark, toEmploymentReport } from './employment-reports';

export const EmploymentReport: EmploymentReportResolvers = {
  // The _entities path bypasses Query, so it runs the same read guard as the lists.
  __resolveReference: async (reference, context) => {
    const report = await loadReadableRecord(context.identity, 'funding.read', reference.id, reportById(context), context.loaders.parkRefs);
    return report ? toEmploymentReport(report) : null;
  },
};

export const Park: ParkResolvers = {
  // One statement for the park facts and one for the reports, however many parks the request holds.
  employmentReports: async (park, { year }, context) => {
    const reports = await readableParkRecords(context.identity, 'funding.read', park.id, context.loaders.parkRefs, (parkId) => reportsByPark(context).load(parkId));
    return reports.filter((report) => year == null || report.year === year).map(toEmploymentReport);
  },
};
