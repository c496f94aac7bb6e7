import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { NotificationRow } from '../../db/database';
import { createEventStore } from '../../db/event-store';
import { failedNotifications, notificationCounts, setNotificationDigest } from '../../db/notifications';
import { inlineProjections } from '../../db/projections/index';
import { createFileMailer, messageIdFor } from '../../notifications/mailer';
import { completeApplication } from '../fixtures/application';
import {
  expectDeliveredExactlyOnce,
  notificationIdOf,
  outboxOf,
  type Person,
  register,
  useMailStack,
  webUrl,
} from './support';

/** Delivery exactly once per row, through crashes, bounces, retries, the digest and the file mailer. */
describe('notifications by e-mail', () => {
  const { stack, smtp, dispatcher } = useMailStack({ api: true });

  // Rows of other tests' cases are delivered too; their recipients exist, so they just go out.
  beforeEach(async () => {
    await dispatcher().dispatchPending();
  });

  it('a dispatch that fails after the message was sent and recorded delivers no second copy when retried', async () => {
    const { db } = stack;
    const c = stack.driver();
    const people = await register(db, c.cast);
    await c.open();
    await c.step(c.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    const rows = await outboxOf(db, c.streamId);
    expect(rows.map((row) => row.kind)).toEqual(['application_submitted', 'application_submitted']);

    // The delivery "activity" crashes after SMTP accepted and the row was committed as sent.
    const crash = dispatcher({
      faults: {
        afterCommit: () => {
          throw new Error('worker killed after commit');
        },
      },
    });
    await expect(crash.dispatchPending()).rejects.toThrow('worker killed after commit');
    // Retried (twice, for good measure): the first row is sent; only the second goes out.
    await dispatcher().dispatchPending();
    await dispatcher().dispatchPending();
    const messages = await expectDeliveredExactlyOnce(db, smtp, c, people);
    expect(messages.map(({ mail }) => notificationIdOf(mail)).sort()).toEqual(
      rows.map((row) => row.notification_id).sort(),
    );

    // The workflow's append activity retried after its commit: the same events write no new rows.
    const submitted = (await c.events()).find((event) => event.event_type === 'ApplicationSubmitted');
    if (!submitted) throw new Error('no ApplicationSubmitted');
    const result = await createActivities({
      eventStore: createEventStore({ db, projections: inlineProjections }),
    }).appendEvents({
      streamId: c.streamId,
      expectedVersion: submitted.stream_version - 1,
      events: [
        {
          type: submitted.event_type,
          data: submitted.data,
          metadata: submitted.metadata,
          businessTime: submitted.business_time.toISOString(),
          idempotencyKey: submitted.idempotency_key,
        },
      ],
    });
    expect(result.status).toBe('duplicate');
    expect(await outboxOf(db, c.streamId)).toHaveLength(2);
    await dispatcher().dispatchPending();
    expect(smtp.messagesOf(c.streamId)).toHaveLength(2);
  });

  it('a crash between SMTP acceptance and the outbox update yields at most an identifiable duplicate', async () => {
    const { db } = stack;
    const c = stack.driver();
    await register(db, c.cast);
    await c.open();
    await c.step(c.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    const [first] = await outboxOf(db, c.streamId);
    const id = (first as NotificationRow).notification_id;
    const crash = dispatcher({
      faults: {
        afterAccepted: () => {
          throw new Error('crash before the outbox update');
        },
      },
    });
    await expect(crash.dispatchOne()).rejects.toThrow('crash before the outbox update');
    expect((await outboxOf(db, c.streamId)).find((r) => r.notification_id === id)?.status).toBe('pending');
    await dispatcher().dispatchPending();
    const copies = smtp.received.filter(({ mail }) => notificationIdOf(mail) === id);
    expect(copies).toHaveLength(2);
    expect(copies[0]?.mail.messageId).toBe(copies[1]?.mail.messageId);
    expect(copies[0]?.mail.messageId).toBe(
      `<${createHash('sha256').update(id).digest('hex')}@dim-akkreditierung.local>`,
    );
    expect((await outboxOf(db, c.streamId)).find((r) => r.notification_id === id)).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });

  it('records a rejected recipient as NotificationFailed and lists it for the dashboard; retries a transient failure', async () => {
    const { db } = stack;
    const bounced = stack.driver();
    await register(db, bounced.cast, { orgEmail: `bounce-${randomUUID().slice(0, 8)}@muster.example` });
    await bounced.open();
    await bounced.step(bounced.cast.applicant, {
      type: 'SubmitApplication',
      data: { items: completeApplication },
    });
    const report = await dispatcher().dispatchPending();
    expect(report).toMatchObject({ failed: 1, sent: 1 });

    const id = `${bounced.streamId}/2/application_submitted/organisation`;
    expect((await outboxOf(db, bounced.streamId)).find((r) => r.notification_id === id)).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
    const events = await db
      .selectFrom('events')
      .selectAll()
      .where('stream_id', '=', `notifications-${bounced.accreditationId}`)
      .execute();
    expect(events.map((event) => event.event_type)).toEqual(['NotificationFailed']);
    expect(events[0]?.data).toMatchObject({
      notificationId: id,
      kind: 'application_submitted',
      recipientRole: 'organisation',
      responseCode: 550,
      reason: expect.stringContaining('<address>: Mailbox unavailable'),
    });
    // Personal data stays out of the append-only store: the recipient is named by id, not address.
    expect(JSON.stringify(events[0]?.data)).not.toContain('@muster.example');
    const failed = await failedNotifications(db, { accreditationId: bounced.accreditationId });
    expect(failed).toEqual([
      expect.objectContaining({
        notificationId: id,
        accreditationId: bounced.accreditationId,
        organisationName: 'Muster IT-Service GmbH',
        error: expect.stringContaining('<address>: Mailbox unavailable'),
      }),
    ]);
    expect((await notificationCounts(db)).failed).toBeGreaterThanOrEqual(1);
    // The staff dashboard shows it through the API.
    const staff = await stack.user('staff');
    const health = await stack.call(
      staff,
      'GET',
      `/notifications/health?accreditationId=${bounced.accreditationId}`,
    );
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      counts: { failed: expect.any(Number) },
      failed: [
        { notificationId: id, kind: 'application_submitted', error: expect.stringContaining('Mailbox') },
      ],
    });
    // Not again: the failed row is not retried, and the event is not appended twice.
    await dispatcher().dispatchPending();
    expect(smtp.received.filter(({ rcptTo }) => rcptTo[0]?.startsWith('bounce'))).toHaveLength(0);

    // 451: retried with backoff, then delivered.
    const busy = stack.driver();
    await register(db, busy.cast, { orgEmail: `busy-${randomUUID().slice(0, 8)}@muster.example` });
    await busy.open();
    await busy.step(busy.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    let clock = new Date();
    const busyDispatcher = dispatcher({ now: () => clock });
    expect(await busyDispatcher.dispatchPending()).toMatchObject({ retry: 1, sent: 1 });
    const waiting = (await outboxOf(db, busy.streamId)).find((r) => r.recipient_role === 'organisation');
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('451'),
    });
    expect(waiting?.next_attempt_at?.getTime()).toBe(clock.getTime() + 60_000);
    expect(await busyDispatcher.dispatchPending()).toMatchObject({ retry: 0, sent: 0 });
    clock = new Date(clock.getTime() + 60_000);
    expect(await busyDispatcher.dispatchPending()).toMatchObject({ sent: 1 });
    expect(smtp.messagesOf(busy.streamId)).toHaveLength(2);
  });

  it('sends staff who chose the digest one daily summary instead of one mail per item', async () => {
    const { db } = stack;
    const c = stack.driver();
    const people = await register(db, c.cast);
    const anna = people.get(c.cast.caseManager.id) as Person;
    await setNotificationDigest(db, c.cast.caseManager.id, true);
    await c.open();
    await c.step(c.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    await c.step(c.cast.caseManager, { type: 'RequestInformation', data: { questions: ['Organigramm?'] } });
    await c.step(c.cast.applicant, {
      type: 'ProvideInformation',
      data: { requestId: 'cycle-1:request-1', answer: 'Anbei.', documentIds: [] },
    });
    // Anna must review the application (no due date) — not in the digest's due list.
    const morning = new Date(`${new Date().toISOString().slice(0, 10)}T05:00:00Z`);
    let clock = morning;
    const digesting = dispatcher({ now: () => clock, digestHour: 6 });
    expect(await digesting.dispatchPending()).toMatchObject({ held: 2 });
    const toAnna = () => smtp.received.filter(({ rcptTo }) => rcptTo[0] === anna.email);
    expect(toAnna()).toHaveLength(0);
    expect(await digesting.makeDigests()).toBe(0); // before the digest hour

    clock = new Date(morning.getTime() + 2 * 3_600_000);
    expect(await digesting.makeDigests()).toBe(1);
    expect(await digesting.makeDigests()).toBe(0); // once a day
    await digesting.dispatchPending();
    const [digest, ...more] = toAnna();
    expect(more).toHaveLength(0);
    expect(digest?.mail.subject).toMatch(/^\[DIM\] Tägliche Zusammenfassung vom /);
    expect(digest?.mail.text).toContain('Neuer Antrag zu prüfen: Muster IT-Service GmbH');
    expect(digest?.mail.text).toContain('Antwort eingegangen: Muster IT-Service GmbH');
    expect(digest?.mail.text).toContain(`${webUrl}/accreditations/${c.accreditationId}`);
    const rows = await outboxOf(db, c.streamId);
    const digestId = `digest/${c.cast.caseManager.id}/${clock.toISOString().slice(0, 10)}`;
    expect(
      rows.filter((row) => row.recipient_role === 'staff').map((row) => [row.status, row.digest_id]),
    ).toEqual([
      ['digested', digestId],
      ['digested', digestId],
    ]);
    expect(digest?.mail.messageId).toBe(messageIdFor(digestId));
  });

  it('writes .eml files into the data folder when no SMTP server is configured', async () => {
    const { db } = stack;
    const c = stack.driver();
    await register(db, c.cast);
    await c.open();
    await c.step(c.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    const dir = mkdtempSync(join(tmpdir(), 'dim-mail-'));
    try {
      await dispatcher({ mailer: createFileMailer(join(dir, 'mail')) }).dispatchPending();
      const files = readdirSync(join(dir, 'mail'));
      const id = `${c.streamId}/2/application_submitted/organisation`;
      const name = `${createHash('sha256').update(id).digest('hex')}.eml`;
      expect(files).toContain(name);
      const parsed = await simpleParser(readFileSync(join(dir, 'mail', name)));
      expect(parsed.subject).toBe('[DIM] Antrag eingegangen');
      expect(parsed.messageId).toBe(messageIdFor(id));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
