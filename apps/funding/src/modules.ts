import { auditLogExportModule } from '@cz/exports';
import { auditLogModule } from '@cz/subgraph-kit';
import { employmentModule } from './employment/module';
import { enterpriseSubsidiesModule } from './enterprise-subsidies/module';
import { exportsModule } from './exports/module';
import { fundingYearModule } from './funding-year/module';
import { ledgerModule } from './ledger/module';
import { operatingSubsidyModule } from './operating-subsidy/module';
import { recognitionAwardModule } from './recognition-award/module';
import { statisticsModule } from './statistics/module';

/** The funding service's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [recognitionAwardModule, ledgerModule, employmentModule, enterpriseSubsidiesModule, operatingSubsidyModule, fundingYearModule, auditLogModule('funding'), auditLogExportModule('funding', 'funding'), exportsModule, statisticsModule];
