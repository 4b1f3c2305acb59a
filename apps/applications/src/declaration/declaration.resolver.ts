import type { Context } from '../context';
import type { ApplicationEntity } from '../entities/application.entity';
import type { ApplicationResolvers, Material, MutationResolvers } from '../generated/graphql';
import { toEligibilityResults } from '../policy-versions/policy-repository';
import { authorizeOnApplication } from '../review/panel-access';
import type { ApplicationSubmissionEntity } from './application-submission.entity';
import { draftFactsOf, materialsOf, submissionsOf } from './declaration.loaders';
import { createApplication, declareFacts, submitApplication } from './declaration.service';
import { materialDownloadPath } from './material-files.routes';
import { MATERIAL_ITEMS, type MaterialEntity, type MaterialItem, REQUIRED_MATERIAL_ITEMS } from './material.entity';

const toMaterial = (row: MaterialEntity): Material => ({
  id: row.id,
  item: row.item,
  version: row.version,
  fileName: row.fileName,
  contentType: row.contentType,
  sizeBytes: row.sizeBytes,
  sha256: row.sha256,
  uploadedAt: row.uploadedAt,
  downloadPath: materialDownloadPath(row.id),
});

const toSubmission = (row: ApplicationSubmissionEntity) => ({
  id: row.id,
  round: row.round,
  facts: row.facts,
  policyVersionCode: row.policyVersionCode,
  eligibility: toEligibilityResults(row.eligibility),
  submittedAt: row.submittedAt,
});

/** Every version of the application's materials, by item with the newest version first, if the caller may read them. */
async function readableMaterials(application: ApplicationEntity, context: Context): Promise<MaterialEntity[]> {
  await authorizeOnApplication(context, 'application.material.read', application.id);
  return materialsOf(context).load(application.id);
}

const latestOf = (rows: readonly MaterialEntity[], item: MaterialItem) => rows.find((row) => row.item === item) ?? null;

const Mutation: MutationResolvers = {
  createApplication: (_parent, { parkId, kind, year }, context) => createApplication(context, parkId, kind, year),
  declareFacts: (_parent, { applicationId, expectedVersion, facts }, context) => declareFacts(context, applicationId, expectedVersion, facts),
  submitApplication: (_parent, { applicationId, expectedVersion }, context) => submitApplication(context, applicationId, expectedVersion),
};

const Application: ApplicationResolvers = {
  declaredFacts: async (application, _args, context) => (await draftFactsOf(context).load(application.id))?.facts ?? null,
  materials: async (application, { item, allVersions }, context) => {
    const rows = (await readableMaterials(application, context)).filter((row) => !item || row.item === item);
    const chosen = allVersions ? rows : MATERIAL_ITEMS.map((each) => latestOf(rows, each)).filter((row): row is MaterialEntity => row !== null);
    return chosen.map(toMaterial);
  },
  checklist: async (application, _args, context) => {
    const rows = await readableMaterials(application, context);
    return MATERIAL_ITEMS.map((item) => {
      const latest = latestOf(rows, item);
      return { item, required: REQUIRED_MATERIAL_ITEMS.includes(item), latest: latest && toMaterial(latest) };
    });
  },
  submissions: async (application, _args, context) => (await submissionsOf(context).load(application.id)).map(toSubmission),
  eligibility: async (application, _args, context) => {
    const [latest] = await submissionsOf(context).load(application.id);
    return latest ? toEligibilityResults(latest.eligibility) : null;
  },
};

export const declarationResolvers = { Mutation, Application };
