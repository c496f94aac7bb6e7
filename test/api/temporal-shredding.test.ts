import { randomUUID } from 'node:crypto';
import { type Client, isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../config/payload-encryption';
import type { Database } from '../../db/database';
import { eraseOrganisationData } from '../../db/organisation-erasure';
import { openPersonalFields } from '../../db/subject-keys';
import {
  isSealed,
  personalFieldsOf,
  type SealedField,
  shreddedPlaceholder,
  valueAt,
} from '../../domain/events/personal-fields';
import { erasedOrganisationName } from '../../domain/retention';
import { complaintWorkflowId } from '../../workflows/complaint-messages';
import { accreditationWorkflowId } from '../../workflows/messages';
import { eventually, organisationBody } from '../support/api-harness';
import { inDocumentReview } from '../support/awaiting-decision';
import { refusedCase } from '../support/refused-case';
import { useTestStack } from '../support/stack';
import { testPayloadKeys } from '../support/step-signing';

/**
 * Issue 22 item 6: the organisation's name enters Temporal only sealed with its own key (the API
 * seals it before the opening step leaves), so once its data is erased the name cannot be read from
 * the workflow's history even with the deployment key. An erasure on request deletes its ended
 * cases' histories altogether (what its people wrote is there under the deployment key only).
 */
describe('crypto-shredding in Temporal histories', () => {
  const api = useTestStack({ api: true });

  it('keeps the organisation name out of the decoded history, and its erasure reaches the history', async () => {
    const staff = await api.user('staff');
    const auditor = await api.user('auditor');
    const name = `Geschreddert Beispiel ${randomUUID().slice(0, 8)} GmbH`;
    const { id } = await inDocumentReview(api, staff, auditor, name);
    const shown = await api.call(staff, 'GET', `/accreditations/${id}`);
    expect(JSON.stringify(shown.body)).toContain(name);

    const decoded = await decodedHistory(api.temporal.client, accreditationWorkflowId(id));
    expect(decoded.length).toBeGreaterThan(5);
    expect(decoded.join('\n')).not.toContain(name);
    const sealed = sealedValuesIn(decoded);
    // The opening step and the append of its event carry the name, both sealed.
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    expect(await openedAsName(api.db, sealed, 'AccreditationOpened')).toEqual(sealed.map(() => name));

    await eraseOrganisationData(api.db, shown.body.organisation.id, erasedOrganisationName);
    expect(await openedAsName(api.db, sealed, 'AccreditationOpened')).toEqual(
      sealed.map(() => shreddedPlaceholder),
    );
    const afterErasure = await decodedHistory(api.temporal.client, accreditationWorkflowId(id));
    expect(afterErasure.join('\n')).not.toContain(name);
  });

  it('keeps the organisation a complaint names and its complainant out of the complaint’s history', async () => {
    const staff = await api.user('staff');
    const name = `Beschwert Beispiel ${randomUUID().slice(0, 8)} GmbH`;
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody(name));
    expect(opened.status).toBe(201);
    const complainant = { name: 'Beate Beschwerdeführerin', email: 'beate@beschwerde.example' };
    const lodged = await api.call(null, 'POST', '/complaints', {
      ...complainant,
      language: 'de',
      text: 'Das DIM-Zeichen wird ohne Zertifikat verwendet.',
      organisationName: name.toUpperCase(),
    });
    expect(lodged.status, JSON.stringify(lodged.body)).toBe(202);
    const shown = await api.call(staff, 'GET', `/complaints/${lodged.body.reference}`);
    expect(shown.body).toMatchObject({ organisationId: opened.body.organisation.id, organisationName: name });

    const workflowId = complaintWorkflowId(lodged.body.reference);
    const decoded = await decodedHistory(api.temporal.client, workflowId);
    for (const personal of [name, name.toUpperCase(), complainant.name, complainant.email]) {
      expect(decoded.join('\n')).not.toContain(personal);
    }
    const sealed = sealedValuesIn(decoded);
    expect(sealed.length).toBeGreaterThanOrEqual(1);
    expect(await openedAsName(api.db, sealed, 'ComplaintLodged')).toEqual(sealed.map(() => name));
    await eraseOrganisationData(api.db, opened.body.organisation.id, erasedOrganisationName);
    expect(await openedAsName(api.db, sealed, 'ComplaintLodged')).toEqual(
      sealed.map(() => shreddedPlaceholder),
    );
  });

  it('deletes the histories of an erased organisation’s cases, and its free texts read as erased', async () => {
    const staff = await api.user('staff');
    const auditor = await api.user('auditor');
    const decisionMaker = await api.user('decision_maker');
    const admin = await api.user('admin');
    const name = `Gelöscht Beispiel ${randomUUID().slice(0, 8)} GmbH`;
    const { id } = await refusedCase(api, staff, auditor, decisionMaker, name);
    const handle = api.temporal.client.workflow.getHandle(accreditationWorkflowId(id));
    const shown = await api.call(staff, 'GET', `/accreditations/${id}`);
    const erase = () => api.call(admin, 'POST', `/organisations/${shown.body.organisation.id}/erasure`);
    const reasonsOf = async () => {
      const file = await api.call(staff, 'GET', `/accreditations/${id}/file`);
      expect(file.status).toBe(200);
      return JSON.stringify(file.body);
    };
    expect(await reasonsOf()).toContain('Anforderungen nicht erfüllt');
    // The appeal window (2 s) runs: the case still owes something, nothing is erased.
    const early = await erase();
    if (early.status !== 200) {
      expect(early.body.code).toBe('organisation_has_running_cases');
      await eventually(
        () => handle.describe(),
        (execution) => execution.status.name === 'COMPLETED',
      );
      await eventually(erase, (answer) => answer.status === 200);
    }
    // Temporal deletes in the background.
    await eventually(
      () => decodedHistory(api.temporal.client, accreditationWorkflowId(id)),
      (payloads) => payloads.length === 0,
    );
    const file = await reasonsOf();
    expect(file).not.toContain('Anforderungen nicht erfüllt');
    expect(file).toContain(shreddedPlaceholder);
  }, 120_000);
});

/** Every payload of the workflow's history, decrypted with the deployment key, as JSON text. */
async function decodedHistory(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow
    .getHandle(workflowId)
    .fetchHistory()
    .catch((error: unknown) => {
      // Deleted (an erasure): nothing is left to decode.
      const notFound =
        error instanceof WorkflowNotFoundError || (isGrpcServiceError(error) && error.code === 5);
      if (notFound) return { events: [] };
      throw error;
    });
  const codec = new EncryptionCodec(testPayloadKeys);
  const payloads = payloadsIn(history);
  const decoded = await codec.decode(payloads);
  return decoded.map((payload) => JSON.stringify(defaultPayloadConverter.fromPayload(payload)));
}

function payloadsIn(value: unknown): Payload[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(payloadsIn);
  const entry = value as Record<string, unknown>;
  if (entry.data instanceof Uint8Array && typeof entry.metadata === 'object') return [entry as Payload];
  return Object.values(entry).flatMap(payloadsIn);
}

function sealedValuesIn(decoded: string[]): SealedField[] {
  const found: SealedField[] = [];
  const walk = (value: unknown) => {
    if (isSealed(value)) found.push(value);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  for (const text of decoded) walk(JSON.parse(text));
  return found;
}

/** The sealed values opened as the store opens the personal field of `eventType`'s events. */
async function openedAsName(
  db: Kysely<Database>,
  sealed: SealedField[],
  eventType: string,
): Promise<unknown[]> {
  const [field] = personalFieldsOf(eventType);
  if (!field) throw new Error(`${eventType} has no personal field`);
  const events = sealed.map((value) => ({
    type: eventType,
    data: field.path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value),
  }));
  const opened = await openPersonalFields(db, events, (event) => event.type);
  return opened.map((event) => valueAt(event.data, field.path));
}
