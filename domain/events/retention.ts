import { z } from 'zod';
import { At, event } from './common';

/**
 * The retention period after the case's end has passed (not a step of the workflow, which has
 * ended): the organisation's name is erased from everything derived from the case (db/retention.ts).
 */
export const CaseDataErasedSchema = event('CaseDataErased', {
  endedAt: At,
  retentionYears: z.number().int().positive(),
});
