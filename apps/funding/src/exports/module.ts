import { defineExportsModule } from '@cz/exports';
import { FUNDING_EXPORTS } from './funding-exports';

/** `Query.fundingExport`: CSV and Excel exports of the funding list and statistics, as personal download links (issue 7). */
export const exportsModule = defineExportsModule(FUNDING_EXPORTS, 'fundingExport');
