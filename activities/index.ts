import { ApplicationFailure } from '@temporalio/common';
import { type EventStore, type NewEvent, ProjectionRefused, VersionConflict } from '../db/event-store';
import { AccreditationEventSchema } from '../domain/events';
import type { createCaseFollowUps } from './case-follow-ups';

export { type CaseFollowUpInput, type CaseFollowUpResult, createCaseFollowUps } from './case-follow-ups';

export interface AppendEventsInput {
  streamId: string;
  expectedVersion: number;
  events: NewEvent[];
}

/** An event as the store holds it, in the shape the workflow folds (which trusts it: see below). */
export interface StoredEvent {
  version: number;
  type: string;
  data: unknown;
  /** `update:<id>` or `timer:<id>`: the step that decided it. */
  causationId: string | null;
}

/**
 * What the store holds after `expectedVersion` once the append was tried:
 * - `appended`: exactly the given events;
 * - `duplicate`: their idempotency keys were stored before (a retried activity), as stored then;
 * - `conflict`: other events took those versions, left by an attempt of a workflow task that was
 *   lost after its append (worker crash, cache eviction); the workflow folds them and decides again.
 */
export interface AppendOutcome {
  status: 'appended' | 'duplicate' | 'conflict';
  recorded: StoredEvent[];
}

const causationOf = (metadata: Record<string, unknown>) =>
  typeof metadata.causationId === 'string' ? metadata.causationId : null;

/**
 * Side effects of the workflows. Appending is idempotent (each event carries an idempotency key
 * derived in the workflow from the step that decided it), so a retried activity writes nothing twice.
 */
export function createActivities({ eventStore }: { eventStore: EventStore }) {
  return {
    async appendEvents({ streamId, expectedVersion, events }: AppendEventsInput): Promise<AppendOutcome> {
      try {
        const result = await eventStore.appendToStream(streamId, expectedVersion, events);
        if (!result.duplicate) {
          const recorded = events.map((event, index) => ({
            version: result.firstVersion + index,
            type: event.type,
            data: event.data,
            causationId: causationOf(event.metadata),
          }));
          return { status: 'appended', recorded };
        }
        const stored = await eventStore.readStream(streamId, {
          fromVersion: result.firstVersion - 1,
          toVersion: result.lastVersion,
          asEntered: true,
        });
        return { status: 'duplicate', recorded: stored.map(storedEventOf(streamId)) };
      } catch (error) {
        // Retrying cannot help: the step is refused (the workflow tells its sender), nothing is written.
        if (error instanceof ProjectionRefused) {
          throw ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true });
        }
        if (!(error instanceof VersionConflict)) throw error;
        const stored = await eventStore.readStream(streamId, {
          fromVersion: expectedVersion,
          asEntered: true,
        });
        return { status: 'conflict', recorded: stored.map(storedEventOf(streamId)) };
      }
    },
  };
}

/**
 * Events read back from the store, in the shape the workflow folds, personal fields as they
 * entered; a case's are parsed here, outside the workflow, which folds them as they come (a
 * complaint's events have no schema of their own: only the complaint's workflow writes them,
 * through `decideComplaint`).
 */
const storedEventOf =
  (streamId: string) =>
  (event: {
    version: number;
    type: string;
    data: unknown;
    metadata: Record<string, unknown>;
  }): StoredEvent => {
    const { type, data } = streamId.startsWith('complaint-')
      ? event
      : AccreditationEventSchema.parse({ type: event.type, data: event.data });
    return { version: event.version, type, data, causationId: causationOf(event.metadata) };
  };

/** Every activity the workflows call: the store's, and (for a complaint) the follow-up on its case. */
export type Activities = ReturnType<typeof createActivities> & ReturnType<typeof createCaseFollowUps>;
