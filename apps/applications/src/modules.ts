import { declarationModule } from './declaration/module';
import { policyVersionsModule } from './policy-versions/module';
import { publicityModule } from './publicity/module';
import { reviewModule } from './review/module';

/** The applications service's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [policyVersionsModule, declarationModule, reviewModule, publicityModule];
