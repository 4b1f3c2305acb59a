import { NotFoundError } from '@cz/errors';
import { isUuid, revealPersonalData } from '@cz/subgraph-kit';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { ObjectionEntity } from '../publicity/objection.entity';

export interface ObjectionContact {
  objectionId: string;
  filerName: string | null;
  contact: string;
  revealedAt: Date;
}

/**
 * Art 17: an objection's filer, whole, for the city bureau, with the access logged. The rule is
 * city-wide (ALL), so the guard needs no target and refuses before the objection is even looked up.
 */
export async function revealObjectionContact(objectionId: string, reason: string, context: Context): Promise<ObjectionContact> {
  return revealPersonalData(context, {
    schema: SCHEMA,
    operation: 'objection.contact.reveal',
    targetType: 'Objection',
    targetId: objectionId,
    reason,
    fields: ['filerName', 'contact'],
    read: async (manager) => {
      const objection = isUuid(objectionId) ? await manager.findOneBy(ObjectionEntity, { id: objectionId }) : null;
      // Nothing was shown, so nothing is logged: the error rolls the access-log row back with it.
      if (!objection) throw new NotFoundError('异议不存在', { objectionId });
      return { objectionId: objection.id, filerName: objection.filerName, contact: objection.contact, revealedAt: context.now() };
    },
  });
}
