import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../fixtures/users';
import { awaitingDecision as awaitingCase } from '../support/awaiting-decision';
import { useTestStack } from '../support/stack';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The decision dossier: when a decision maker grants or refuses, the case file as they saw it is
 * frozen, its SHA-256 goes into the decision's event, and it stays retrievable as it was.
 */
describe('the decision dossier through the API', () => {
  const api = useTestStack({
    api: { credentialLimits: { perCredential: 1000, perAddress: 1000, windowMs: 60_000 } },
  });
  let staff: TestUser;
  let decisionMaker: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    staff = await api.user('staff');
    decisionMaker = await api.user('decision_maker');
    auditor = await api.user('auditor');
  }, 60_000);

  const awaitingDecision = () => awaitingCase(api, staff, auditor);

  it('freezes the case file the decision maker saw, byte for byte, and keeps it provable', async () => {
    const { id, organisation } = await awaitingDecision();
    // What the decision maker's screen shows: the case file's text as the API sent it.
    const seen = await fetch(`${api.baseUrl}/accreditations/${id}/file`, { headers: decisionMaker.headers });
    const seenText = await seen.text();
    const seenVersion: number = JSON.parse(seenText).version;

    const granted = await api.call(decisionMaker, 'POST', `/accreditations/${id}/grant`, {});
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const file = (await api.call(staff, 'GET', `/accreditations/${id}/file`)).body.file;
    const decision = file.procedures[0].decision;
    expect(decision).toMatchObject({ number: 1, outcome: 'granted', by: decisionMaker.id });
    expect(decision.dossier).toEqual({ sha256: sha256(seenText), version: seenVersion });

    // The event keeps the hash, under the stream's hash chain.
    const event = await api.db
      .selectFrom('events')
      .select('data')
      .where('stream_id', '=', `accreditation-${id}`)
      .where('event_type', '=', 'AccreditationGranted')
      .executeTakeFirstOrThrow();
    expect((event.data as { dossier: unknown }).dossier).toEqual(decision.dossier);

    const dossier = await api.call(decisionMaker, 'GET', `/accreditations/${id}/decisions/1/dossier`);
    expect(dossier.status).toBe(200);
    expect(dossier.body).toMatchObject({
      decision: { number: 1, outcome: 'granted', by: decisionMaker.id },
      sha256: decision.dossier.sha256,
      version: seenVersion,
      verified: true,
      frozenBy: decisionMaker.id,
      content: seenText,
    });
    expect(sha256(dossier.body.content)).toBe(dossier.body.sha256);
    // As it was: before the decision, which the dossier does not contain.
    expect(dossier.body.dossier.status).toBe('awaiting_decision');
    expect(dossier.body.dossier.file.procedures[0].decision).toBeNull();

    expect((await api.call(staff, 'GET', `/accreditations/${id}/decisions/1/dossier`)).status).toBe(200);
    for (const outsider of [organisation, auditor]) {
      expect((await api.call(outsider, 'GET', `/accreditations/${id}/decisions/1/dossier`)).status).toBe(403);
    }
    const missing = await api.call(staff, 'GET', `/accreditations/${id}/decisions/2/dossier`);
    expect(missing.status).toBe(404);
    expect(missing.contentType).toContain('application/problem+json');

    // Kept as frozen: the database refuses to change or remove it — to the application, which has
    // no right to, and to the owner of the table, by its trigger.
    const change = sql`UPDATE dossiers SET content = '{}' WHERE sha256 = ${decision.dossier.sha256}`;
    await expect(change.execute(api.db)).rejects.toThrow(/permission denied/);
    await expect(sql`DELETE FROM dossiers`.execute(api.db)).rejects.toThrow(/permission denied/);
    await expect(change.execute(api.database.owner)).rejects.toThrow(/kept as frozen/);
    await expect(sql`DELETE FROM dossiers`.execute(api.database.owner)).rejects.toThrow(/kept as frozen/);
  }, 60_000);

  it('takes the dossier from the API, never from the caller', async () => {
    const { id } = await awaitingDecision();
    const forged = { sha256: 'f'.repeat(64), version: 1 };
    const grant = await api.call(decisionMaker, 'POST', `/accreditations/${id}/grant`, { dossier: forged });
    expect(grant.status).toBe(400);
    const refused = await api.call(decisionMaker, 'POST', `/accreditations/${id}/refuse`, {
      reasons: ['Die Nachweise zur IT-Sicherheit fehlen.'],
      dossier: forged,
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    const decision = (await api.call(staff, 'GET', `/accreditations/${id}/file`)).body.file.procedures[0]
      .decision;
    expect(decision).toMatchObject({
      outcome: 'refused',
      reasons: ['Die Nachweise zur IT-Sicherheit fehlen.'],
    });
    expect(decision.dossier.sha256).not.toBe(forged.sha256);
    const dossier = await api.call(decisionMaker, 'GET', `/accreditations/${id}/decisions/1/dossier`);
    expect(dossier.body).toMatchObject({ verified: true, decision: { outcome: 'refused' } });
  }, 60_000);
});
