import { authorize, requireListFilter } from '@cz/auth';
import { isUuid, paginate } from '@cz/subgraph-kit';
import type { Context } from '../context';
import type { MutationFileObjectionArgs, MutationOpenPublicityArgs, MutationResolveObjectionArgs, MutationRunDeadlineArgs, PublicityItem, QueryObjectionsArgs, QueryPublicNoticeArgs, QueryPublicNoticesArgs } from '../generated/graphql';
import { fileObjection } from './file-objection';
import { ObjectionEntity } from './objection.entity';
import { openPublicity } from './open-publicity';
import { pendingDeadlines, runDeadline } from './publicity-deadline';
import { publicityItemsLoader } from './publicity-loaders';
import { PublicityEntity } from './publicity.entity';
import { resolveObjection } from './resolve-objection';

// Parents are entities: codegen maps Publicity and Objection to them once codegen.ts names them;
// until then the generated argument and leaf types keep the signatures honest.
const Query = {
  publicNotices: (_parent: unknown, { first, after }: QueryPublicNoticesArgs, { identity, dataSource }: Context) => {
    authorize(identity, 'publicity.read');
    const query = dataSource.getRepository(PublicityEntity).createQueryBuilder('publicity').where(`publicity.status = 'OPEN'`);
    return paginate(query, { first, after }, { column: 'publicity.created_at', idColumn: 'publicity.id', direction: 'DESC', idOf: (row) => row.id });
  },

  publicNotice: (_parent: unknown, { id }: QueryPublicNoticeArgs, { identity, dataSource }: Context) => {
    authorize(identity, 'publicity.read');
    return isUuid(id) ? dataSource.getRepository(PublicityEntity).findOneBy({ id }) : null;
  },

  /** The city bureau only. The filer's particulars are masked (objection-reveal module); revealObjectionContact shows them, logged. */
  objections: (_parent: unknown, { first, after, publicityId, status }: QueryObjectionsArgs, { identity, dataSource }: Context) => {
    requireListFilter(identity, 'objection.read');
    const query = dataSource.getRepository(ObjectionEntity).createQueryBuilder('objection');
    if (publicityId) query.andWhere('objection.publicity_id = :publicityId', { publicityId: isUuid(publicityId) ? publicityId : null });
    if (status) query.andWhere('objection.status = :status', { status });
    return paginate(query, { first, after }, { column: 'objection.filed_at', idColumn: 'objection.id', direction: 'DESC', idOf: (row) => row.id });
  },

  pendingDeadlines: (_parent: unknown, _args: unknown, context: Context) => pendingDeadlines(context),
};

const Mutation = {
  openPublicity: (_parent: unknown, { input }: MutationOpenPublicityArgs, context: Context) => openPublicity(input, context),
  fileObjection: (_parent: unknown, { input }: MutationFileObjectionArgs, context: Context) => fileObjection(input, context),
  resolveObjection: (_parent: unknown, args: MutationResolveObjectionArgs, context: Context) => resolveObjection(args, context),
  runDeadline: (_parent: unknown, { kind, targetId }: MutationRunDeadlineArgs, context: Context) => runDeadline(kind, targetId, context),
};

const Publicity = {
  /** Only what the public may see: no filer, no contact, no open-objection counts. */
  items: async (publicity: PublicityEntity, _args: unknown, context: Context): Promise<PublicityItem[]> =>
    (await publicityItemsLoader(context).load(publicity.id)).map(({ applicationId, parkName, countyCode, kind, outcome }) => ({ applicationId, parkName, countyCode, kind, outcome })),
};

export const publicityResolvers = { Query, Mutation, Publicity };
