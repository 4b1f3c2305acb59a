import { CreateFunding1764316800000 } from './1764316800000-create-funding';
import { RecognitionAward1764800000000 } from './1764800000000-recognition-award';
import { Ledger1764810000000 } from './1764810000000-ledger';

/** Applied in this order; a new migration is appended, never inserted. */
export const migrations = [CreateFunding1764316800000, RecognitionAward1764800000000, Ledger1764810000000];
