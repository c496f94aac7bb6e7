import { z } from 'zod';
import { At, caused, event, Id, RecipientSchema, Text } from './common';

export const ComplaintOutcomeSchema = z.enum(['upheld', 'not_upheld']);
export const ComplaintFollowUpSchema = z.enum(['special_audit', 'suspension', 'none']);

export const ComplaintReceivedSchema = event('ComplaintReceived', {
  complaintId: Id,
  complainant: Text,
  summary: Text,
  receivedAt: At,
  acknowledgeBy: At,
});
export const ComplaintAcknowledgedSchema = event('ComplaintAcknowledged', { complaintId: Id });
export const ComplaintAcknowledgementOverdueSchema = event('ComplaintAcknowledgementOverdue', {
  ...caused,
  complaintId: Id,
  recipient: RecipientSchema,
});
export const ComplaintInvestigatorAssignedSchema = event('ComplaintInvestigatorAssigned', {
  complaintId: Id,
  investigatorId: Id,
});
export const ComplaintDecidedSchema = event('ComplaintDecided', {
  complaintId: Id,
  outcome: ComplaintOutcomeSchema,
  reasoning: Text,
  followUp: ComplaintFollowUpSchema,
  decidedBy: Id,
});
export const ComplaintClosedSchema = event('ComplaintClosed', { complaintId: Id });

export type ComplaintFollowUp = z.infer<typeof ComplaintFollowUpSchema>;
export type ComplaintOutcome = z.infer<typeof ComplaintOutcomeSchema>;
