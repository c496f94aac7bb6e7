import { accreditationProjection } from './accreditation';
import type { InlineProjection } from './inline';

/** Every inline projection, run by appendToStream in the append transaction and by the rebuild. */
export const inlineProjections: readonly InlineProjection[] = [accreditationProjection];
