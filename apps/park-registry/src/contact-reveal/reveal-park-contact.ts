import { NotFoundError } from '@cz/errors';
import { revealPersonalData } from '@cz/subgraph-kit';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { ParkEntity } from '../entities/park.entity';

export interface ParkContact {
  parkId: string;
  contactName: string;
  contactPhone: string;
  revealedAt: Date;
}

/** Art 17: a park's contact, whole, for those entitled to it, with the access logged. */
export async function revealParkContact(parkId: string, reason: string, context: Context): Promise<ParkContact> {
  const park = await context.loaders.parkById.load(parkId);
  if (!park) throw new NotFoundError('园区不存在', { id: parkId });
  return revealPersonalData(context, {
    schema: SCHEMA,
    operation: 'park.contact.reveal',
    target: { parkId: park.id, countyCode: park.countyCode },
    targetType: 'Park',
    targetId: park.id,
    reason,
    fields: ['contactName', 'contactPhone'],
    // Read again inside the logged transaction: what is shown is what the log row stands for.
    read: async (manager) => {
      const current = await manager.getRepository(ParkEntity).findOneByOrFail({ id: park.id });
      return { parkId: current.id, contactName: current.contactName, contactPhone: current.contactPhone, revealedAt: context.now() };
    },
  });
}
