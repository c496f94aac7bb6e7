import { z } from 'zod';
import { StoredPolicySchema } from '../policy-schema';
import { boundedList, SealedFieldSchema } from '../text-limits';
import { At, caused, DocumentIds, event, Id, RecipientSchema, Text } from './common';

export const ApplicationItemEvidenceSchema = z
  .object({ itemId: Id, documentIds: DocumentIds.default([]), statement: Text.optional() })
  .refine((item) => item.documentIds.length > 0 || item.statement !== undefined, {
    message: 'An application item needs documents or a statement',
  })
  // The refinement as JSON Schema, for the OpenAPI document (zod cannot translate a refinement).
  .meta({
    anyOf: [
      { required: ['documentIds'], properties: { documentIds: { minItems: 1 } } },
      { required: ['statement'] },
    ],
  });

export const AccreditationOpenedSchema = event('AccreditationOpened', {
  accreditationId: Id,
  organisationId: Id,
  organisationName: Text.or(SealedFieldSchema),
  scope: Text,
  /** Absent in cases opened before technical areas were named. */
  technicalAreas: boundedList(Id).optional(),
  caseManagerId: Id,
  edition: Text,
  policy: StoredPolicySchema,
  openedAt: At,
});
export const CaseManagerAssignedSchema = event('CaseManagerAssigned', { caseManagerId: Id });

export const ApplicationSubmittedSchema = event('ApplicationSubmitted', {
  items: boundedList(ApplicationItemEvidenceSchema),
  submittedAt: At,
});
export const InformationRequestedSchema = event('InformationRequested', {
  requestId: Id,
  questions: boundedList(Text).min(1),
  respondBy: At,
});
export const DocumentsRequestedSchema = event('DocumentsRequested', {
  requestId: Id,
  documents: boundedList(Text).min(1),
  respondBy: At,
});
export const InformationProvidedSchema = event('InformationProvided', {
  requestId: Id,
  answer: Text,
  documentIds: DocumentIds,
});
export const InformationRequestReminderSentSchema = event('InformationRequestReminderSent', {
  ...caused,
  requestId: Id,
  respondBy: At,
  recipient: RecipientSchema,
});
/** The documents were not provided in time; the request closes and the reviewer decides without them. */
export const DocumentsRequestLapsedSchema = event('DocumentsRequestLapsed', {
  ...caused,
  requestId: Id,
  recipient: RecipientSchema,
});
export const ApplicationAcceptedSchema = event('ApplicationAccepted', { acceptedBy: Id });
export const ApplicationRejectedSchema = event('ApplicationRejected', {
  reasons: boundedList(Text).min(1),
  rejectedBy: Id,
  timerId: Id.optional(),
  /** The proposal of a lapsed deadline the decision maker confirmed (rule set 3). */
  proposalId: Id.optional(),
  /** The policy's rule that decided it without a person (`automaticLapse`, rule set 3). */
  rule: Text.optional(),
});
