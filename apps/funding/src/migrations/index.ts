import { CreateFunding1764316800000 } from './1764316800000-create-funding';
import { RecognitionAward1764800000000 } from './1764800000000-recognition-award';
import { Ledger1764810000000 } from './1764810000000-ledger';
import { Employment1764820000000 } from './1764820000000-employment';
import { EnterpriseSubsidies1764830000000 } from './1764830000000-enterprise-subsidies';
import { OperatingSubsidy1765200000000 } from './1765200000000-operating-subsidy';
import { EvidenceFiles1765300000000 } from './1765300000000-evidence-files';
import { AuditOutcome1766500000000 } from './1766500000000-audit-outcome';
import { ReportingViews1795000000000 } from './1795000000000-reporting-views';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateFunding1764316800000, RecognitionAward1764800000000, Ledger1764810000000, Employment1764820000000, EnterpriseSubsidies1764830000000, OperatingSubsidy1765200000000, EvidenceFiles1765300000000, AuditOutcome1766500000000, ReportingViews1795000000000];
