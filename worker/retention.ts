/**
 * The retention job (db/retention.ts) once a day, in the worker process beside the notification
 * dispatcher: at start and then whenever the UTC date has changed (checked hourly). A loop here
 * rather than a Temporal schedule: the job touches no workflow (the cases it erases have ended),
 * so a schedule would add a workflow type, an activity and a schedule to create at deployment for
 * what is one idempotent database task; several workers running it at once meet at the streams'
 * expected versions and erase each case once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Env } from '../config/env';
import type { Logger } from '../config/logger';
import type { Database } from '../db/database';
import { documentStorageOf } from '../db/documents';
import { applyRetention } from '../db/retention';

const hourMs = 3_600_000;

export interface RetentionJobOptions {
  db: Kysely<Database>;
  env: Env;
  logger: Logger;
  /** The clock and how often it is read (tests move the clock over midnight). */
  clock?: () => Date;
  checkEveryMs?: number;
}

export function startRetentionJob(options: RetentionJobOptions): { stop(): Promise<void> } {
  const { db, env, logger, clock = () => new Date(), checkEveryMs = hourMs } = options;
  const controller = new AbortController();
  let lastRunDate: string | undefined;
  const tick = async () => {
    const now = clock();
    const date = now.toISOString().slice(0, 10);
    if (date === lastRunDate) return;
    lastRunDate = date;
    try {
      const report = await applyRetention(db, {
        now,
        years: env.RETENTION_YEARS,
        storage: documentStorageOf(env),
      });
      const counts = {
        cases: report.cases.length,
        documents: report.documents.length,
        organisations: report.organisations.length,
        accounts: report.accounts.length,
        complaints: report.complaints.length,
        complainants: report.complainants.length,
      };
      logger.info({ cutoff: report.cutoff, ...counts }, 'retention applied');
    } catch (error) {
      lastRunDate = undefined;
      logger.error({ error: error instanceof Error ? error.message : String(error) }, 'retention failed');
    }
  };
  const running = (async () => {
    while (!controller.signal.aborted) {
      await tick();
      // Aborted: the loop ends.
      await sleep(checkEveryMs, undefined, { signal: controller.signal }).catch(() => undefined);
    }
  })();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
