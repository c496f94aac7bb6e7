import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../db/identity';
import { localAdminAccess, localAdminEmail } from '../../dev/local-admin';
import { renderCalendar } from '../../notifications/ical';
import { createFileMailer, messageIdFor } from '../../notifications/mailer';
import { createTestDatabase } from '../support/database';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('files written for people: calendar entries, mails, the local administrator', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'dim-files-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('never lets a CR or LF of a text start a line of its own in an .ics file', () => {
    const ics = renderCalendar({
      accreditationId: 'a-1',
      stamp: '2030-01-01T00:00:00Z',
      sequence: 1,
      entries: [
        {
          subject: 'audit-date',
          summary: 'Vor-Ort-Audit\rATTENDEE:mailto:x@example.org',
          description: 'Zeile 1\r\nZeile 2\nZeile 3\rEND:VEVENT',
          start: { date: '2030-02-01' },
        },
      ],
    });
    const lines = ics.split('\r\n');
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
    expect(lines.filter((line) => line.startsWith('ATTENDEE') || line === 'END:VEVENT')).toEqual([
      'END:VEVENT',
    ]);
    expect(ics).toContain('SUMMARY:Vor-Ort-Audit\\nATTENDEE:mailto:x@example.org');
  });

  it('writes mail files for the owner only', async () => {
    const directory = join(scratch, 'mail');
    const mailer = createFileMailer(directory);
    await mailer.send({
      from: 'DIM <akkreditierung@dim.local>',
      to: 'kontakt@musterdienst.example',
      subject: 'Test',
      text: 'Hallo',
      html: '<p>Hallo</p>',
      messageId: messageIdFor('n-1'),
      language: 'de',
      notificationId: 'n-1',
    });
    mailer.close();
    expect(mode(directory)).toBe(0o700);
    const [file] = readdirSync(directory);
    expect(mode(join(directory, file ?? ''))).toBe(0o600);
  });

  it('makes the local administrator only in its own cluster, never in a DATABASE_URL database', async () => {
    const database = await createTestDatabase();
    try {
      const given = join(scratch, 'given');
      const lines = await localAdminAccess(database.db, given, { givenDatabase: true });
      expect(lines.join('\n')).toContain('none made');
      expect(await findUserByEmail(database.db, localAdminEmail)).toBeUndefined();
      expect(await database.db.selectFrom('api_tokens').select('token_hash').execute()).toEqual([]);

      const local = join(scratch, 'local');
      mkdirSync(local, { mode: 0o700 });
      await localAdminAccess(database.db, local, { givenDatabase: false });
      expect(await findUserByEmail(database.db, localAdminEmail)).toBeDefined();
      expect(mode(join(local, 'admin-token'))).toBe(0o600);
      expect(mode(join(local, 'admin-password'))).toBe(0o600);
    } finally {
      await database.drop();
    }
  });
});
