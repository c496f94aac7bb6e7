import { describe, expect, it } from 'vitest';
import { organisationBody } from '../support/api-harness';
import { useTestStack } from '../support/stack';

/** A complaint naming the organisation finds its case, whatever the letters of the name. */
describe('the subject of a complaint lodged by name', () => {
  const api = useTestStack({ api: true });

  it('is the case of an organisation whose name has umlauts, also in other capitals', async () => {
    const staff = await api.user('staff');
    const name = 'Rechenzentrumsdienste Überlingen GmbH';
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody(name));
    expect(opened.status).toBe(201);
    for (const named of [name, 'rechenzentrumsdienste Überlingen GMBH']) {
      const lodged = await api.call(null, 'POST', '/complaints', {
        name: 'Beate Beispiel',
        email: 'beate@beispiel.example',
        language: 'de',
        text: 'Das DIM-Zeichen wird ohne Zertifikat verwendet.',
        organisationName: named,
      });
      expect(lodged.status, JSON.stringify(lodged.body)).toBe(202);
      const complaint = await api.call(staff, 'GET', `/complaints/${lodged.body.reference}`);
      expect(complaint.body, named).toMatchObject({
        accreditationId: opened.body.id,
        organisationId: opened.body.organisation.id,
        organisationName: name,
      });
    }
    const file = await api.call(staff, 'GET', `/accreditations/${opened.body.id}/file`);
    expect(file.body.file.complaints).toHaveLength(2);
  });
});
