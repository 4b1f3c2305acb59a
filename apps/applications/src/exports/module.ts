import { defineExportsModule } from '@cz/exports';
import { APPLICATION_EXPORTS } from './application-exports';

/** `Query.applicationExport`: CSV and Excel exports of the application list and statistics, as personal download links (issue 7). */
export const exportsModule = defineExportsModule(APPLICATION_EXPORTS, 'applicationExport');
