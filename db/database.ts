import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { UserRole } from '../domain/roles';
import type { ComplainantsTable, ComplaintsTable } from './complaint-tables';

/**
 * The database as Kysely sees it: one interface per table. Table interfaces describe columns;
 * use `Selectable<…>` / `Insertable<…>` for rows. int8 is parsed as number (see connection.ts),
 * xid8 arrives as a string, timestamptz as Date (written as Date or ISO string).
 */
export interface Database {
  events: EventsTable;
  streams: StreamsTable;
  accreditations: AccreditationsTable;
  tasks: TasksTable;
  deadlines: DeadlinesTable;
  certificates: CertificatesTable;
  stage_months: StageMonthsTable;
  certificate_numbers: CertificateNumbersTable;
  notifications: NotificationsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  auditor_competences: AuditorCompetencesTable;
  passwords: PasswordsTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  account_mails: AccountMailsTable;
  sign_in_failures: SignInFailuresTable;
  case_files: CaseFilesTable;
  calendar_feeds: CalendarFeedsTable;
  dossiers: DossiersTable;
  idempotency_keys: IdempotencyKeysTable;
  complaints: ComplaintsTable;
  complainants: ComplainantsTable;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb: selected as parsed JSON, written as a JSON string (pg would turn JS arrays into PG arrays). */
type Jsonb<T> = ColumnType<T, string, string>;

// ─── event store ────────────────────────────────────────────────────────────────────────────

/** The head of each stream, kept by a trigger on `events` (migration 2026-11-28-30); checkpoints sign these. */
export interface StreamsTable {
  stream_id: string;
  version: number;
  head_hash: string;
  updated_at: Timestamp;
}

/**
 * Append-only (UPDATE / DELETE / TRUNCATE are refused by triggers). Primary key
 * (stream_id, stream_version): the arbiter of optimistic concurrency.
 */
export interface EventsTable {
  global_position: GeneratedAlways<number>;
  /** xid8 of the appending transaction, `pg_current_xact_id()`. */
  transaction_id: Generated<string>;
  stream_id: string;
  stream_version: number;
  event_type: string;
  data: Jsonb<unknown>;
  metadata: Jsonb<JsonObject>;
  /** The time of the fact, supplied by the caller (the workflow's clock). */
  business_time: Timestamp;
  /** When PostgreSQL stored it. */
  recorded_time: Timestamp;
  idempotency_key: string;
  /** sha256 hex of (previous hash of the stream ‖ canonical event), see `event_hash` in SQL. */
  hash: string;
}

// ─── projections (derived from the events; rebuilt by rebuildProjections) ─────────────────────

/** One row per accreditation stream: the folded domain state plus summary columns for lists. */
export interface AccreditationsTable {
  stream_id: string;
  accreditation_id: string;
  /** The domain's case status (opened, application_review, …, accredited, suspended, expired). */
  status: string;
  organisation_id: string;
  organisation_name: string;
  cycle: number;
  certificate_number: string | null;
  valid_from: Timestamp | null;
  valid_until: Timestamp | null;
  /** The earliest of the domain's `dueTimers(state)`. */
  next_deadline_at: Timestamp | null;
  next_deadline_kind: string | null;
  /** The earliest due date of the case's open tasks (the `overdue` filter). */
  first_task_due_at: Timestamp | null;
  /** What the case waits for when it waits for time or a decision maker (the domain's `waitingFor`). */
  waiting_reason: string | null;
  waiting_until: Timestamp | null;
  waiting_subject_id: string | null;
  case_manager_id: string;
  /** Every auditor involved in the current cycle. */
  auditor_ids: ColumnType<string[], string[], string[]>;
  /** The domain state after the last event (`evolve` folded over the stream). */
  state: Jsonb<unknown>;
  version: number;
  last_global_position: number;
  opened_at: Timestamp;
  /** Business time of the last event. */
  updated_at: Timestamp;
}

/** Open human tasks (the domain's `openTasks(state)`). */
export interface TasksTable {
  stream_id: string;
  /** Unique within the stream. */
  task_id: string;
  accreditation_id: string;
  kind: string;
  assignee_role: string;
  /** The user or organisation; null when anyone with the role may act. */
  assignee_id: string | null;
  /** Holders of the role who may not act (four-eyes principle). */
  excluded_user_ids: ColumnType<string[], string[], string[]>;
  subject_id: string;
  due_at: Timestamp | null;
  organisation_name: string;
  /** Since when it has been open: the business time of the event after which it appeared. */
  opened_at: Timestamp | null;
}

/** Pending timers (the domain's `dueTimers(state)`). */
export interface DeadlinesTable {
  stream_id: string;
  /** The timer id, unique within the stream. */
  deadline_id: string;
  accreditation_id: string;
  kind: string;
  due_at: Timestamp;
  subject_id: string;
}

/** The public register: no personal data. */
export interface CertificatesTable {
  certificate_number: string;
  stream_id: string;
  organisation_name: string;
  status: 'valid' | 'suspended' | 'withdrawn' | 'expired';
  valid_from: Timestamp;
  valid_until: Timestamp;
  /** What the certificate covers (the case's scope, changed by a granted scope change). */
  scope: string;
  updated_at: Timestamp;
}

/**
 * Cases entering (+) and leaving (−) each status per calendar month (Europe/Berlin), spread over
 * shards by stream: the cases in a status at a month's end are the sum of its rows up to then.
 */
export interface StageMonthsTable {
  /** The first day of the month. */
  month: ColumnType<Date, string, string>;
  status: string;
  shard: number;
  cases: number;
}

/** Every certificate number granted, from the grant on: its key makes a number unique. */
export interface CertificateNumbersTable {
  certificate_number: string;
  stream_id: string;
  granted_at: Timestamp;
}

/** The notifications outbox: written with the events, dispatched later. */
export interface NotificationsTable {
  /** Deterministic (`<stream>/<version>/<kind>/<recipient role>`), so a replay adds nothing. */
  notification_id: string;
  stream_id: string;
  global_position: number;
  event_type: string;
  kind: string;
  recipient_role: string;
  recipient_id: string | null;
  payload: Jsonb<unknown>;
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** A transient failure is retried from then on (null: at once). */
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The digest notification that carried this one (status `digested`). */
  digest_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The Message-ID it was sent with (derived from the notification id). */
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * pending → sent | failed (permanent) | held (for the recipient's daily digest) → digested;
 * a row addressed to a role without a person is `expanded` into one row per person.
 */
export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'held' | 'digested' | 'expanded';

export type EventRow = Selectable<EventsTable>;
export type AccreditationRow = Selectable<AccreditationsTable>;
/** A row as readers get it: without the domain state, which is large and read by no reader. */
export type AccreditationSummaryRow = Omit<AccreditationRow, 'state'>;
export type NewAccreditationRow = Insertable<AccreditationsTable>;
export type TaskRow = Selectable<TasksTable>;
export type DeadlineRow = Selectable<DeadlinesTable>;
export type CertificateRow = Selectable<CertificatesTable>;
export type NotificationRow = Selectable<NotificationsTable>;

// ─── identity (master data, not event-sourced) ──────────────────────────────────────────────

export type Language = 'de' | 'en';
export type { UserRole };

export interface OrganisationsTable {
  organisation_id: string;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  country: string;
  contact_email: string;
  language: Language;
  created_at: Generated<Date>;
}

export interface UsersTable {
  user_id: string;
  email: string;
  name: string;
  role: UserRole;
  /** Set exactly for the role `organisation`. */
  organisation_id: string | null;
  language: Generated<Language>;
  /** One daily summary of notifications and due items instead of one mail each. */
  notification_digest: Generated<boolean>;
  created_at: Generated<Date>;
}

/** Only the SHA-256 of a token is stored; the token itself is shown once, when issued. */
export interface ApiTokensTable {
  token_hash: string;
  user_id: string;
  label: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** A technical area (the catalogue's `technicalAreas`) in which staff found the auditor competent. */
export interface AuditorCompetencesTable {
  user_id: string;
  technical_area: string;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;

// ─── sign-in (db/passwords.ts, db/sessions.ts, db/account-tokens.ts) ────────────────────────

/** The argon2id hash (PHC string, parameters included) of a user's password. */
export interface PasswordsTable {
  user_id: string;
  hash: string;
  changed_at: Generated<Date>;
}

/** A browser session; only the SHA-256 of its id is stored. */
export interface SessionsTable {
  session_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  /** Idle expiry counts from here. */
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Absolute expiry. */
  expires_at: Timestamp;
}

export type AccountTokenPurpose = 'invitation' | 'password_reset';

/** One-time tokens of invitation and password-reset links; only the SHA-256 is stored. */
export interface AccountTokensTable {
  token_hash: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export type AccountMailStatus = 'pending' | 'sent' | 'failed' | 'superseded';

/**
 * The outbox of invitation and password-reset e-mails. `token` is the clear one-time token the
 * link needs, held only while the mail is pending (a check constraint clears it with the status).
 */
export interface AccountMailsTable {
  mail_id: string;
  user_id: string;
  kind: AccountTokenPurpose;
  token: string | null;
  link_expires_at: Timestamp;
  status: ColumnType<AccountMailStatus, AccountMailStatus | undefined, AccountMailStatus>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Failed sign-ins per key (account, address, account at address) in a fixed window. */
export interface SignInFailuresTable {
  limit_key: string;
  failures: number;
  window_ends_at: Timestamp;
}

/** The request (its SHA-256) each user's Idempotency-Key was first used for. */
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  created_at: Generated<Date>;
}

export type AccountMailRow = Selectable<AccountMailsTable>;
// ─── case files and calendar feeds ─────────────────────────────────────────────────────────────

/** The case file of each accreditation (domain/case-file), folded inline like the other projections. */
export interface CaseFilesTable {
  stream_id: string;
  accreditation_id: string;
  /** The stream version the file includes. */
  version: number;
  file: Jsonb<unknown>;
}

/** A person's iCalendar feed: the secret in its URL is stored only as a SHA-256 hash. */
export interface CalendarFeedsTable {
  feed_id: string;
  user_id: string;
  secret_hash: string;
  label: string;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

/** Decision dossiers: the case file as the decision maker saw it, frozen (never updated; deleted only with the retention period). */
export interface DossiersTable {
  /** Of `content`, as the decision's event records it. */
  sha256: string;
  accreditation_id: string;
  /** The case version the dossier shows. */
  version: number;
  /** The exact JSON text that was hashed. */
  content: string;
  frozen_by: string;
  frozen_at: Generated<Date>;
}
