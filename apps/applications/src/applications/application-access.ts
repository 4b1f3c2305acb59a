import { loadReadableRecord } from '@cz/park-refs';
import type { Context } from '../context';
import type { ApplicationEntity } from '../entities/application.entity';

/** The read guard for one application, shared by Query.application and the _entities path. */
export function loadReadableApplication(id: string, { identity, loaders }: Context): Promise<ApplicationEntity | null> {
  return loadReadableRecord(identity, 'application.read', id, loaders.applicationById, loaders.parkRefs);
}
