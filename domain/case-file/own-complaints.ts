/**
 * Complaints about the case with a life cycle of their own (workflows/complaint.ts) as the case
 * file's complaints section shows them, beside the in-case complaints of runs before rule set 7.
 */
import type { ComplaintEvent } from '../complaint';
import type { Complaint } from './schema';

/** A complaint's event with its business time and the user who caused it (null: anyone, the clock). */
export type StampedComplaintEvent = ComplaintEvent & { at: string; by: string | null };

/** The complaint's file entry from its stream, in order; `complainant`: their name (or its erasure). */
export function ownComplaintFile(
  events: readonly StampedComplaintEvent[],
  complainant: string,
): Complaint | undefined {
  let file: Complaint | undefined;
  for (const event of events) {
    const { at, by } = event;
    if (event.type === 'ComplaintLodged') {
      const { complaintId, text, acknowledgeBy } = event.data;
      file = {
        complaintId,
        complainant,
        summary: text,
        at,
        by,
        acknowledgeBy,
        acknowledgedAt: null,
        acknowledgementOverdueAt: null,
        investigation: null,
        decision: null,
        closedAt: null,
      };
    }
    if (!file) continue;
    switch (event.type) {
      case 'ComplaintAcknowledgedToComplainant':
        file.acknowledgedAt = at;
        break;
      case 'ComplaintAcknowledgementMissed':
        file.acknowledgementOverdueAt = at;
        break;
      case 'ComplaintInvestigatorAppointed':
        file.investigation = { investigatorId: event.data.investigatorId, at, by };
        break;
      case 'ComplaintResolved': {
        const { outcome, reasons, followUp } = event.data;
        file.decision = { outcome, reasoning: reasons, followUp, at, by };
        break;
      }
      case 'ComplaintConcluded':
        file.closedAt = at;
        break;
    }
  }
  return file;
}
