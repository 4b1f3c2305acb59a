import { defineExportsModule } from '@cz/exports';
import { PARK_EXPORTS } from './park-exports';

/** `Query.parkExport`: CSV and Excel exports of the park list and the park statistics, as personal download links (issue 7). */
export const exportsModule = defineExportsModule(PARK_EXPORTS, 'parkExport');
