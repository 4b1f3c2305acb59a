import { employmentModule } from './employment/module';
import { enterpriseSubsidiesModule } from './enterprise-subsidies/module';
import { ledgerModule } from './ledger/module';
import { recognitionAwardModule } from './recognition-award/module';

/** The funding service's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [recognitionAwardModule, ledgerModule, employmentModule, enterpriseSubsidiesModule];
