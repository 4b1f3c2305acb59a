import { auditLogExportModule } from '@cz/exports';
import { auditLogModule } from '@cz/subgraph-kit';
import { calendarModule } from './calendar/module';
import { contactRevealModule } from './contact-reveal/module';
import { exportsModule } from './exports/module';
import { profileModule } from './profile/module';
import { statisticsModule } from './statistics/module';

/** The registry's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [calendarModule, profileModule, statisticsModule, exportsModule, auditLogModule('registry'), auditLogExportModule('registry', 'registry'), contactRevealModule];
