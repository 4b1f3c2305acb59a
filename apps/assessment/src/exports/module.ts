import { defineExportsModule } from '@cz/exports';
import { ASSESSMENT_EXPORTS } from './assessment-exports';

/** `Query.assessmentExport`: CSV and Excel exports of the assessment list and statistics, as personal download links (issue 7). */
export const exportsModule = defineExportsModule(ASSESSMENT_EXPORTS, 'assessmentExport');
