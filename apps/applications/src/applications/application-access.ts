import { isUuid } from '@cz/subgraph-kit';
import type { Context } from '../context';
import type { ApplicationEntity } from '../entities/application.entity';
import { authorizeOnApplication } from '../review/panel-access';

/**
 * The read guard for one application, shared by Query.application and the _entities path: null
 * when it does not exist; the park's county decides for county and park roles, the panel for reviewers.
 */
export async function loadReadableApplication(id: string, context: Context): Promise<ApplicationEntity | null> {
  if (!isUuid(id) || !(await context.loaders.applicationById.load(id))) return null;
  return (await authorizeOnApplication(context, 'application.read', id)).application;
}
