import { z } from 'zod';
import { At, event } from './common';

/**
 * The retention period after the case's end has passed, or the organisation asked for its data to
 * be erased (Art. 17 DSGVO) after all its cases ended (not a step of the workflow, which has
 * ended): the organisation's name is erased from everything derived from the case (db/retention.ts,
 * db/erasure-on-request.ts).
 */
export const CaseDataErasedSchema = event('CaseDataErased', {
  endedAt: At,
  /** Absent when erased on request. */
  retentionYears: z.number().int().positive().optional(),
  onRequest: z.literal(true).optional(),
});
