import { accreditationProjection } from './accreditation';
import { caseFileProjection } from './case-file';
import { complaintProjection } from './complaints';
import type { InlineProjection } from './inline';

/** Every inline projection: the worker's event store runs them in each append's transaction, the rebuild replays them. */
export const inlineProjections: readonly InlineProjection[] = [
  accreditationProjection,
  caseFileProjection,
  complaintProjection,
];
