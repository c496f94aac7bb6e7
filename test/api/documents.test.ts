import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import type { TestUser } from '../fixtures/users';
import { pdf } from '../support/api-harness';
import { useTestStack } from '../support/stack';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('fake image data'),
]);

describe('evidence documents, users and tokens', () => {
  let organisation: TestUser;
  let staff: TestUser;
  const directory = mkdtempSync(join(tmpdir(), 'dim-documents-'));
  const api = useTestStack({ api: { documents: { kind: 'directory', path: directory } } });

  beforeAll(async () => {
    organisation = await api.user('organisation');
    staff = await api.user('staff');
  });
  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('stores an upload once per SHA-256 (here in the configured directory) and serves it back', async () => {
    const content = pdf('evidence');
    const first = await api.call(organisation, 'POST', '/documents?filename=a.pdf', content, {
      'content-type': 'application/pdf',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: sha256(content),
      mediaType: 'application/pdf',
      size: content.length,
      duplicate: false,
    });
    expect(readFileSync(join(directory, sha256(content)))).toEqual(content);
    const again = await api.call(staff, 'POST', '/documents', content, { 'content-type': 'application/pdf' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: sha256(content), duplicate: true });

    const download = await fetch(`${api.baseUrl}/documents/${sha256(content)}/content`, {
      headers: organisation.headers,
    });
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(content);
  });

  it('accepts base64 JSON as well', async () => {
    const response = await api.call(organisation, 'POST', '/documents', {
      mediaType: 'image/png',
      filename: 'logo.png',
      contentBase64: png.toString('base64'),
    });
    expect(response.status).toBe(201);
    expect(response.body.id).toBe(sha256(png));
  });

  it('refuses other media types, content that is not what it claims, empty and oversized files', async () => {
    const zip = await api.call(organisation, 'POST', '/documents', Buffer.from('PK\x03\x04'), {
      'content-type': 'application/zip',
    });
    expect(zip.status).toBe(415);
    expect(zip.body.type).toBe('/problems/unsupported-media-type');
    const fake = await api.call(organisation, 'POST', '/documents', Buffer.from('MZ executable'), {
      'content-type': 'application/pdf',
    });
    expect(fake.status).toBe(415);
    const empty = await api.call(organisation, 'POST', '/documents', Buffer.alloc(0), {
      'content-type': 'text/plain',
    });
    expect(empty.status).toBe(400);
    const huge = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const tooLarge = await api.call(organisation, 'POST', '/documents', huge, {
      'content-type': 'application/pdf',
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.type).toBe('/problems/payload-too-large');
    const elsewhere = await api.call(staff, 'POST', '/accreditations', pdf('x'), {
      'content-type': 'application/pdf',
    });
    expect(elsewhere.status).toBe(415);
    expect(elsewhere.body.type).toBe('/problems/unsupported-media-type');
  });

  it('creates users, issues and revokes tokens; a revoked or expired token no longer works', async () => {
    const admin = await api.user('admin');
    const created = await api.call(admin, 'POST', '/users', {
      email: 'pruefer@example.org',
      name: 'Petra Prüfer',
      role: 'auditor',
    });
    expect(created.status).toBe(201);
    const auditor = { headers: { authorization: `Bearer ${created.body.token.token}` } } as TestUser;
    expect((await api.call(auditor, 'GET', '/me')).body).toMatchObject({
      role: 'auditor',
      email: 'pruefer@example.org',
    });
    const duplicate = await api.call(admin, 'POST', '/users', {
      email: 'PRUEFER@example.org',
      name: 'P',
      role: 'auditor',
    });
    expect(duplicate.status).toBe(409);
    const orphan = await api.call(admin, 'POST', '/users', {
      email: 'o@example.org',
      name: 'O',
      role: 'organisation',
    });
    expect(orphan.status).toBe(400);

    const second = await api.call(admin, 'POST', `/users/${created.body.user.id}/tokens`, {
      validForDays: 1,
    });
    expect(second.status).toBe(201);
    const revoked = await api.call(admin, 'DELETE', `/users/${created.body.user.id}/tokens`);
    expect(revoked.body).toEqual({ revoked: 2 });
    expect((await api.call(auditor, 'GET', '/me')).status).toBe(401);

    const stored = await api.database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.every(({ token_hash }) => /^[0-9a-f]{64}$/.test(token_hash))).toBe(true);
    await api.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect((await api.call(staff, 'GET', '/me')).status).toBe(401);
  });

  it('logs structured lines with request ids and user ids, and never a token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildApp({
      db: api.database.db,
      temporal: api.temporal.client,
      taskQueue: api.temporal.taskQueue,
      logger: pino({ level: 'trace' }, sink),
    });
    try {
      const admin = await api.user('admin');
      const created = await app.inject({
        method: 'POST',
        url: '/users',
        headers: { ...admin.headers, 'x-request-id': 'log-check-1' },
        payload: { email: 'log@example.org', name: 'Log', role: 'staff' },
      });
      expect(created.statusCode).toBe(201);
      await app.inject({
        method: 'GET',
        url: '/me',
        headers: { authorization: 'Bearer dim_wrong-token-123' },
      });
      const records = lines.map((line) => JSON.parse(line));
      expect(records.some((record) => record.reqId === 'log-check-1' && record.userId === admin.id)).toBe(
        true,
      );
      const text = lines.join('');
      expect(text).not.toContain(admin.token);
      expect(text).not.toContain(created.json().token.token);
      expect(text).not.toContain('dim_wrong-token-123');
    } finally {
      await app.close();
    }
  });
});
