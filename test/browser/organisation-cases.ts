/**
 * The organisation portal's browser tests set up each case through the API (DIM's staff and
 * auditors do their steps there) and then act as the organisation's contact in the browser alone.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { readStream } from '../../db/event-store';
import { findUserByEmail } from '../../db/identity';
import { hashPassword, storePasswordHash } from '../../db/passwords';
import type { PolicyInput } from '../../domain/policy-schema';
import { renderNotification } from '../../notifications/render';
import { accreditationStreamId } from '../../workflows/messages';
import { allConforming, applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody } from '../support/api-harness';
import type { TestStack } from '../support/stack';
import type { TestPage } from './harness';

export interface Contact {
  email: string;
  password: string;
  name: string;
}

type Api = Pick<TestStack, 'call' | 'user' | 'db' | 'baseUrl'>;

/** A case DIM's staff opened for an organisation whose contact (invited by the opening) has a password. */
export class OrganisationCase {
  private constructor(
    readonly api: Api,
    readonly id: string,
    readonly staff: TestUser,
    /** A second person of the organisation, who sometimes does a step first (through the API). */
    readonly colleague: TestUser,
    readonly contact: Contact,
  ) {}

  static async open(api: Api, organisationName: string, policy?: PolicyInput): Promise<OrganisationCase> {
    const staff = await api.user('staff');
    const email = `kontakt-${randomUUID().slice(0, 8)}@organisation.test`;
    const body = organisationBody(organisationName);
    const opened = await api.call(staff, 'POST', '/accreditations', {
      ...body,
      organisation: { ...body.organisation, contactEmail: email },
      ...(policy ? { policy } : {}),
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const user = await findUserByEmail(api.db, email);
    if (!user) throw new Error(`The opening made no user for ${email}`);
    const contact = { email, password: 'Ein langes Passwort der Organisation', name: 'Olga Organisation' };
    await api.db
      .updateTable('users')
      .set({ name: contact.name })
      .where('user_id', '=', user.user_id)
      .execute();
    await storePasswordHash(api.db, user.user_id, await hashPassword(contact.password));
    const colleague = await api.user('organisation', { organisationId: opened.body.organisation.id });
    return new OrganisationCase(api, opened.body.id, staff, colleague, contact);
  }

  async step(user: TestUser, path: string, body: unknown): Promise<void> {
    const response = await this.api.call(user, 'POST', `/accreditations/${this.id}/${path}`, body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
  }

  /** The case's events of steps people took (the clock's reminders come whenever they fall due). */
  async eventCount(): Promise<number> {
    const { count } = await this.api.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('stream_id', '=', accreditationStreamId(this.id))
      .where(sql<string>`metadata ->> 'actorId'`, '!=', 'system')
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** The data of the case's last event of this type (as the store reads it), and who caused it. */
  async lastEvent(type: string) {
    const event = (await readStream(this.api.db, accreditationStreamId(this.id))).findLast(
      (recorded) => recorded.type === type,
    );
    if (!event) throw new Error(`No ${type} in the case`);
    // biome-ignore lint/suspicious/noExplicitAny: tests read event data ad hoc.
    return { data: event.data as any, actorId: event.metadata.actorId };
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies ad hoc.
  async openTasks(): Promise<any[]> {
    return (await this.api.call(this.staff, 'GET', `/accreditations/${this.id}`)).body.openTasks;
  }

  /** Application (by the colleague), document review and audit planning, through to the audit. */
  async toAudit(): Promise<TestUser> {
    const [reviewer, leadAuditor] = [await this.api.user('auditor'), await this.api.user('auditor')];
    await this.step(this.colleague, 'application', { items: applicationByStatements });
    await this.step(this.staff, 'application/accept', {});
    await this.assignAndReview(reviewer);
    await this.step(this.staff, 'lead-auditor', {
      auditorId: leadAuditor.id,
      conflictOfInterestDeclaredFree: true,
    });
    await this.step(leadAuditor, 'audit-date', { auditDate: '2030-01-01' });
    await eventually(
      () => this.api.call(this.staff, 'GET', `/accreditations/${this.id}`),
      (response) => response.body.status === 'audit',
    );
    return leadAuditor;
  }

  async assignAndReview(reviewer: TestUser): Promise<void> {
    await this.step(this.staff, 'document-reviewer', {
      auditorId: reviewer.id,
      conflictOfInterestDeclaredFree: true,
    });
    await this.step(reviewer, 'document-review', { results: allConforming });
  }

  /** The three audit elements, the on-site audit with these findings. */
  async completeAudit(
    leadAuditor: TestUser,
    findings: { requirementId: string; severity: string; description: string }[],
  ): Promise<void> {
    for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
      await this.step(leadAuditor, 'audit-elements', {
        element,
        findings: element === 'on_site_audit' ? findings : [],
      });
    }
  }
}

/**
 * The e-mail of this kind the organisation was sent about the case (the first, once there is one),
 * rendered as the mailer renders it, and the link of its action.
 */
export async function organisationMail(api: Api, accreditationId: string, kind: string) {
  const row = await eventually(
    () =>
      api.db
        .selectFrom('notifications')
        .selectAll()
        .where('stream_id', '=', accreditationStreamId(accreditationId))
        .where('kind', '=', kind)
        .where('recipient_role', '=', 'organisation')
        .orderBy('global_position')
        .executeTakeFirst(),
    (found) => found !== undefined,
    90_000,
  );
  if (!row) throw new Error(`No ${kind} e-mail`);
  const mail = renderNotification({
    notificationId: row.notification_id,
    kind: row.kind,
    role: row.recipient_role,
    language: 'de',
    recipientName: '',
    payload: row.payload,
    createdAt: row.created_at.toISOString(),
    sequence: row.global_position,
    webUrl: api.baseUrl,
  });
  const [link = ''] = mail.links;
  return { text: mail.text, link };
}

/** The browser's focus, for the page function below. */
declare const document: { activeElement: unknown };

/** Presses Tab (as a keyboard user does) until `target` has the focus. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/**
 * Chooses a file by keyboard: Tab to the dropzone's button, Enter, the file dialog. The wait for the
 * dialog starts before the first Tab: it turns on Playwright's interception of file dialogs, and a
 * key press sent right after it could reach the browser first (a click's checks leave time, a key
 * press does not), so the dialog would open natively and never be reported.
 */
export async function chooseFileByKeyboard(page: Page, label: string, file: DroppedFile): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 60_000 });
  chooser.catch(() => undefined); // awaited below; handled here should the Tab fail first
  await tabTo(page, page.getByRole('button', { name: `Dateien auswählen ${label}` }));
  await page.keyboard.press('Enter');
  const pdf = file.kind === 'pdf';
  const body = pdf ? `%PDF-1.4\n${'x'.repeat(file.bytes)}\n%%EOF\n` : 'Nachweis\n';
  await (await chooser).setFiles({
    name: file.name,
    mimeType: pdf ? 'application/pdf' : 'text/plain',
    buffer: Buffer.from(body),
  });
}

/** Signs the contact in on the sign-in page (from wherever the browser was sent there). */
export async function signIn(tab: TestPage, contact: Contact): Promise<void> {
  const { page } = tab;
  await page.getByLabel('E-Mail-Adresse').fill(contact.email);
  await page.locator('input[type="password"]').fill(contact.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: `Benutzermenü von ${contact.name}` }).waitFor();
}

/** The browser's DataTransfer, for the page function below (the tests' TypeScript has no DOM library). */
declare const DataTransfer: new () => { items: { add(file: File): void } };

export interface DroppedFile {
  name: string;
  /** A PDF of about this many bytes, or a text file. */
  kind: 'pdf' | 'text';
  bytes: number;
}

/**
 * Drops files onto the dropzone of this label as a person drags them from the desktop (the files
 * are made in the page). By keyboard, its button "Dateien auswählen" opens the file dialog.
 */
export async function dropFiles(page: Page, label: string, files: DroppedFile[]): Promise<void> {
  const dropzone = page.locator(`[data-document-dropzone="${label}"]`);
  const dataTransfer = await page.evaluateHandle((list: DroppedFile[]) => {
    const transfer = new DataTransfer();
    for (const file of list) {
      const head = file.kind === 'pdf' ? '%PDF-1.4\n' : 'Nachweis\n';
      const tail = file.kind === 'pdf' ? '\n%%EOF\n' : '\n';
      const body = 'x'.repeat(Math.max(0, file.bytes - head.length - tail.length));
      const type = file.kind === 'pdf' ? 'application/pdf' : 'text/plain';
      transfer.items.add(new File([head, body, tail], file.name, { type }));
    }
    return transfer;
  }, files);
  await dropzone.dispatchEvent('drop', { dataTransfer });
}
