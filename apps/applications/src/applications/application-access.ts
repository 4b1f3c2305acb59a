import { authorizeForPark } from '@cz/park-refs';
import type { Context } from '../context';
import type { ApplicationEntity } from '../entities/application.entity';
import { isUuid } from '../loaders';

/**
 * The one read guard for a single application, shared by Query.application and the _entities
 * path (which bypasses Query): null when it does not exist, FORBIDDEN outside the caller's
 * jurisdiction as decided by the park's county in this service's park_ref copy.
 */
export async function loadReadableApplication(id: string, { identity, loaders }: Context): Promise<ApplicationEntity | null> {
  const application = isUuid(id) ? await loaders.applicationById.load(id) : null;
  if (!application) return null;
  await authorizeForPark(identity, 'application.read', application.parkId, loaders.parkRefs);
  return application;
}
