/**
 * The copy of every mail kind, German and English side by side (`c.t(de, en)`), one entry per kind.
 * A new kind: write its copy in the file of its part of the life cycle (or a new file spread in
 * here) under the kind's name; the outbox row's `kind` selects it.
 */
import { appealCopy } from './appeals';
import { applicationCopy } from './application';
import { auditCopy } from './audit';
import { certificateCopy } from './certificate';
import { complaintLifeCycleCopy } from './complaint-life-cycle';
import { complaintCopy } from './complaints';
import type { Content, Context, Copy } from './context';
import { decisionCopy } from './decisions';
import { digestCopy } from './digest';
import { owedCopy } from './owed';
import { specialAuditCopy } from './special-audit';

/** The notifications of a case, by kind (the causing event's type in snake case, or `ready_for_decision`, `reinstatement_due`). */
const caseCopy: Record<string, Copy> = {
  ...appealCopy,
  ...applicationCopy,
  ...auditCopy,
  ...certificateCopy,
  ...complaintCopy,
  ...decisionCopy,
  ...owedCopy,
  ...specialAuditCopy,
};

function fallback(c: Context): Content {
  return {
    subject: c.t(`Neuigkeit zur Akkreditierung: ${c.org}`, `Update on the accreditation: ${c.org}`),
    blocks: [
      c.t(
        `es gibt Neuigkeiten zur Akkreditierung von ${c.org}.`,
        `there is news on the accreditation of ${c.org}.`,
      ),
    ],
    action: c.openCase(),
  };
}

export const notificationKinds: readonly string[] = Object.keys(caseCopy);

const copyOfCase = (kind: string): Copy => caseCopy[kind] ?? fallback;

const mailCopy: Record<string, Copy> = {
  ...caseCopy,
  daily_digest: digestCopy(copyOfCase),
  // A complaint's own stream, not a case's (db/projections/complaints.ts): not in a case digest.
  ...complaintLifeCycleCopy,
};

/** The copy of `kind`; a kind without copy gets a general note on the case. */
export function copyOf(kind: string): Copy {
  return mailCopy[kind] ?? fallback;
}
