import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ComplaintActor,
  ComplaintCommandOf,
  ComplaintState,
  ComplaintStatus,
  HumanComplaintCommandType,
} from '../domain/complaint';

/** A person's step on a complaint, parsed by the API's schema and signed by it (like a case's step). */
export interface ComplaintRequest {
  command: ComplaintCommandOf<HumanComplaintCommandType>;
  actor: ComplaintActor;
  signature?: string;
}

export interface ComplaintOutcome {
  version: number;
  eventTypes: string[];
  status: ComplaintStatus;
}

/**
 * Every person's step on a complaint. Named like the case's update, so the API's signing
 * interceptor (api/step-signing.ts) signs it the same way; the signature covers the workflow id.
 */
export const complaintCommandUpdate = defineUpdate<ComplaintOutcome, [ComplaintRequest]>('command');

export const complaintStateQuery = defineQuery<{ state: ComplaintState; version: number }>('state');

export const complaintWorkflowId = (complaintId: string) => `complaint-${complaintId}`;
export const complaintStreamId = complaintWorkflowId;
