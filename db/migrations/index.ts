import type { Migration } from 'kysely';
import * as eventStore from './2026-11-26-01-event-store';
import * as projections from './2026-11-26-02-projections';
import * as identity from './2026-11-26-10-identity';
import * as documents from './2026-11-26-20-documents';
import * as notificationDelivery from './2026-11-26-30-notification-delivery';
import * as dashboardIndexes from './2026-11-26-40-dashboard-indexes';
import * as listFilters from './2026-11-26-50-list-filters';
import * as projectionWrites from './2026-11-26-60-projection-writes';
import * as signIn from './2026-11-27-10-sign-in';
import * as certificateNumbers from './2026-11-27-80-certificate-numbers';
import * as auditorCompetences from './2026-11-27-90-auditor-competences';
import * as caseFiles from './2026-11-27-91-case-files';
import * as decisionDossiers from './2026-11-27-92-decision-dossiers';
import * as staffDashboard from './2026-11-28-10-staff-dashboard';
import * as idempotencyKeys from './2026-11-28-20-idempotency-keys';
import * as waiting from './2026-11-28-30-waiting';
import * as taskOpenedAt from './2026-11-28-45-task-opened-at';
import * as streamHeads from './2026-11-28-50-stream-heads';
import * as complaints from './2026-11-28-60-complaints';
import * as dossierRetention from './2026-11-28-75-dossier-retention';
import * as subjectKeys from './2026-11-28-85-subject-keys';
import * as certificateScope from './2026-11-28-90-certificate-scope';
import * as subjectKeyWrapping from './2026-11-28-96-subject-key-wrapping';

/** Every migration, in order. Names are dated so the order is obvious. */
export const migrations: Record<string, Migration> = {
  '2026-11-26-01-event-store': eventStore,
  '2026-11-26-02-projections': projections,
  '2026-11-26-10-identity': identity,
  '2026-11-26-20-documents': documents,
  '2026-11-26-30-notification-delivery': notificationDelivery,
  '2026-11-26-40-dashboard-indexes': dashboardIndexes,
  '2026-11-26-50-list-filters': listFilters,
  '2026-11-26-60-projection-writes': projectionWrites,
  '2026-11-27-10-sign-in': signIn,
  '2026-11-27-80-certificate-numbers': certificateNumbers,
  '2026-11-27-90-auditor-competences': auditorCompetences,
  '2026-11-27-91-case-files': caseFiles,
  '2026-11-27-92-decision-dossiers': decisionDossiers,
  '2026-11-28-10-staff-dashboard': staffDashboard,
  '2026-11-28-20-idempotency-keys': idempotencyKeys,
  '2026-11-28-30-waiting': waiting,
  '2026-11-28-45-task-opened-at': taskOpenedAt,
  '2026-11-28-50-stream-heads': streamHeads,
  '2026-11-28-60-complaints': complaints,
  '2026-11-28-75-dossier-retention': dossierRetention,
  '2026-11-28-85-subject-keys': subjectKeys,
  '2026-11-28-90-certificate-scope': certificateScope,
  '2026-11-28-96-subject-key-wrapping': subjectKeyWrapping,
};
