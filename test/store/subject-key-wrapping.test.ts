/**
 * The subject keys wrapped with the deployment's key-encryption key (db/subject-key-wrapping.ts):
 * the table holds no key that opens a sealed field without it; a wrong or unknown key-encryption
 * key refuses to open (it does not read as erased); keys stored in clear before are wrapped, the
 * same key, so what they sealed still opens.
 */
import { createDecipheriv } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parsePayloadKeys } from '../../config/payload-encryption';
import { appendToStream, readStream } from '../../db/event-store';
import { inlineProjections } from '../../db/projections/index';
import {
  SubjectKeyUnwrapError,
  subjectKeyTable,
  unwrapSubjectKey,
  useSubjectKeyEncryptionKeys,
  wrapLegacySubjectKeys,
} from '../../db/subject-key-wrapping';
import { accreditationScenario } from '../fixtures/scenarios';
import { useTestStack } from '../support/stack';

const stack = useTestStack({ temporal: false });
const [first] = [...accreditationScenario({ cases: 1, seed: 3, maxStepsPerCase: 1 })];
const opening = first?.events[0] as { data: { organisationId: string; organisationName: string } };
const streamId = first?.streamId as string;
const legacyStream = 'complaint-legacy-key';
const legacyOrganisation = 'organisation-from-before';

const openedName = async (stream: string) => {
  const [event] = await readStream(stack.db, stream, { toVersion: 1 });
  const data = event?.data as { organisationName?: unknown; subject?: { organisationName?: unknown } };
  return data.organisationName ?? data.subject?.organisationName;
};

describe('subject keys wrapped with the key-encryption key', () => {
  beforeAll(async () => {
    expect(first?.events[0]?.type).toBe('AccreditationOpened');
    await appendToStream(stack.db, streamId, 0, first?.events ?? [], { projections: inlineProjections });
  });
  // Back to the key-encryption key of the environment (vitest.config.ts).
  afterEach(() => useSubjectKeyEncryptionKeys(undefined));

  const keyRows = () =>
    subjectKeyTable(stack.db).selectFrom('subject_keys').selectAll().orderBy('subject_id').execute();

  it('stores no key that opens a sealed field without the key-encryption key', async () => {
    const [row] = await keyRows();
    expect(row).toMatchObject({ subject_id: `organisation:${opening.data.organisationId}` });
    expect(row?.kek_id).toBe('ktest-subjects');
    expect(row?.key.length).toBe(60);
    const key = unwrapSubjectKey(row as NonNullable<typeof row>);
    expect(row?.key.includes(key)).toBe(false);

    // The sealed name opens with the unwrapped key, with no 32 bytes of the stored row.
    const { rows } = await sql<{ data: { organisationName: { $enc: string } } }>`
      SELECT data FROM events WHERE stream_id = ${streamId} AND event_type = 'AccreditationOpened'`.execute(
      stack.db,
    );
    const sealed = Buffer.from(rows[0]?.data.organisationName.$enc.split(':')[1] ?? '', 'base64');
    const opens = (candidate: Buffer) => {
      try {
        const decipher = createDecipheriv('aes-256-gcm', candidate, sealed.subarray(0, 12)).setAAD(
          Buffer.from('AccreditationOpened/organisationName'),
        );
        decipher.setAuthTag(sealed.subarray(sealed.length - 16));
        decipher.update(sealed.subarray(12, sealed.length - 16));
        decipher.final();
        return true;
      } catch {
        return false;
      }
    };
    expect(opens(key)).toBe(true);
    const stored = row?.key as Buffer;
    for (let offset = 0; offset + 32 <= stored.length; offset++) {
      expect(opens(stored.subarray(offset, offset + 32)), `bytes ${offset}…`).toBe(false);
    }
    expect(await openedName(streamId)).toBe(opening.data.organisationName);
  });

  it('refuses to open with a wrong or unknown key-encryption key, rather than reading as erased', async () => {
    useSubjectKeyEncryptionKeys(parsePayloadKeys(`ktest-subjects ${'6b'.repeat(32)}`));
    await expect(openedName(streamId)).rejects.toThrow(SubjectKeyUnwrapError);
    await expect(openedName(streamId)).rejects.toThrow(/does not unwrap/);
    useSubjectKeyEncryptionKeys(parsePayloadKeys(`kother ${'6b'.repeat(32)}`));
    await expect(openedName(streamId)).rejects.toThrow(/ktest-subjects, which is not configured/);
    useSubjectKeyEncryptionKeys(undefined);
    expect(await openedName(streamId)).toBe(opening.data.organisationName);
  });

  it('wraps keys stored in clear before: the same key, so what they sealed still opens', async () => {
    const clearKey = Buffer.alloc(32, 7);
    await subjectKeyTable(stack.db)
      .insertInto('subject_keys')
      .values({
        subject_id: `organisation:${legacyOrganisation}`,
        key_id: 'legacy-1',
        key: clearKey,
        kek_id: null,
      })
      .execute();
    const at = '2026-02-01T09:00:00.000Z';
    await appendToStream(stack.db, legacyStream, 0, [
      {
        type: 'ComplaintLodged',
        data: {
          complaintId: 'legacy-1',
          complainantId: 'complainant-1',
          text: 'Beschwerde',
          channel: 'public',
          subject: {
            organisationId: legacyOrganisation,
            accreditationId: null,
            certificateNumber: null,
            organisationName: 'Alte Firma GmbH',
          },
          receivedAt: at,
          acknowledgeBy: at,
        },
        metadata: { actorId: 'public', actorRole: 'public' },
        businessTime: at,
        idempotencyKey: `${legacyStream}:lodged`,
      },
    ]);
    expect(await openedName(legacyStream)).toBe('Alte Firma GmbH');

    expect(await wrapLegacySubjectKeys(stack.db)).toBe(1);
    expect(await wrapLegacySubjectKeys(stack.db)).toBe(0);
    const rows = await keyRows();
    expect(rows.map((row) => [row.key_id === 'legacy-1', row.kek_id, row.key.length])).toEqual(
      expect.arrayContaining([[true, 'ktest-subjects', 60]]),
    );
    expect(rows.every((row) => !row.key.includes(clearKey))).toBe(true);
    expect(await openedName(legacyStream)).toBe('Alte Firma GmbH');
  });
});
