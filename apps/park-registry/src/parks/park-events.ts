import type { ParkProfileChangedPayload } from '@cz/queue-contracts';
import type { ParkEntity } from '../entities/park.entity';

export function profileChangedPayload(park: ParkEntity): ParkProfileChangedPayload {
  return { parkId: park.id, name: park.name, officialName: park.officialName, countyCode: park.countyCode, status: park.status, version: park.version };
}
