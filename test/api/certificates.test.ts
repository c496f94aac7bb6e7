import { beforeAll, describe, expect, it } from 'vitest';
import { grantedCertificate } from '../support/granted-case';
import { useTestStack } from '../support/stack';

/** The certificate as its holder prints it: holder, address, scope, edition, validity, register link. */
describe('GET /certificates/{certificateNumber}', () => {
  const api = useTestStack({ api: true });
  let accreditationId: string;
  let certificateNumber: string;
  let organisationId: string;

  beforeAll(async () => {
    ({ accreditationId, certificateNumber } = await grantedCertificate(api, 'Zertifikatsdienst GmbH'));
    const staff = await api.user('staff');
    organisationId = (await api.call(staff, 'GET', `/accreditations/${accreditationId}`)).body.organisation
      .id;
  });

  it('shows its organisation the certificate with scope, edition, address and register link', async () => {
    const holder = await api.user('organisation', { organisationId });
    const response = await api.call(holder, 'GET', `/certificates/${certificateNumber}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const register = await api.call(null, 'GET', `/register/${certificateNumber}`);
    expect(response.body).toEqual({
      ...register.body,
      accreditationId,
      scope: 'IT-Servicedesk und Rechenzentrumsbetrieb am Standort München',
      edition: 'DIM 1002:2024',
      organisationAddress: { street: 'Hauptstraße 5', postalCode: '80331', city: 'München', country: 'DE' },
      registerPath: `/register/${certificateNumber}`,
    });
    expect(response.body.status).toBe('valid');
  });

  it('shows it to DIM staff too', async () => {
    const response = await api.call(
      await api.user('decision_maker'),
      'GET',
      `/certificates/${certificateNumber}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.organisationName).toBe('Zertifikatsdienst GmbH');
  });

  it('answers another organisation as if the number did not exist', async () => {
    const stranger = await api.user('organisation');
    const theirs = await api.call(stranger, 'GET', `/certificates/${certificateNumber}`);
    const unknown = await api.call(stranger, 'GET', '/certificates/DIM1002-2026-00000000');
    expect([theirs.status, unknown.status]).toEqual([404, 404]);
    expect(theirs.body.detail).toBe(unknown.body.detail);
  });
});
