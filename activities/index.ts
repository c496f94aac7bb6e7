import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { type AppendResult, appendToStream, type NewEvent } from '../db/event-store';

export interface AppendEventsInput {
  streamId: string;
  expectedVersion: number;
  events: NewEvent[];
}

/**
 * Side effects of the workflows. Appending is idempotent (each event carries an idempotency key
 * derived in the workflow), so a retried activity writes nothing twice.
 */
export function createActivities({ db }: { db: Kysely<Database> }) {
  return {
    async appendEvents(input: AppendEventsInput): Promise<AppendResult> {
      return appendToStream(db, input.streamId, input.expectedVersion, input.events);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
