import { accreditationProjection } from './accreditation';
import { caseFileProjection } from './case-file';
import type { InlineProjection } from './inline';

/** Every inline projection, run by appendToStream in the append transaction and by the rebuild. */
export const inlineProjections: readonly InlineProjection[] = [accreditationProjection, caseFileProjection];
