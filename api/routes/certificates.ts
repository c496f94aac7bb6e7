import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCertificateHolder } from '../../db/certificate-holders';
import { searchRegister, seesEveryCase } from '../../db/read-model';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';
import { presentRegisterEntry, RegisterEntry } from './register';

const CertificateResponse = RegisterEntry.extend({
  accreditationId: z.uuid(),
  edition: z.string().describe('The standard and edition, e.g. DIM 1002:2024'),
  organisationAddress: z.object({
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string().describe('ISO 3166-1 alpha-2'),
  }),
  registerPath: z.string().describe('The stable public link to publish (§7): /register/{certificateNumber}'),
}).describe('A certificate as its holder prints it');

/**
 * A certificate with everything it states — holder, address, scope, edition, validity, register
 * link — for its organisation and DIM staff (the printable certificate of the web application).
 * The public sees the register entry (`GET /register/{certificateNumber}`).
 */
export const certificateRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/certificates/:certificateNumber',
    {
      config: { access: ['admin', 'staff', 'decision_maker', 'organisation'] },
      schema: {
        operationId: 'getCertificate',
        summary: 'A certificate with its holder, scope and edition (Zertifikat)',
        description:
          'For the organisation that holds it and for DIM staff; anyone else gets 404, as for an unknown number.',
        tags: ['register'],
        params: z.object({ certificateNumber: z.string().min(1).max(100) }),
        response: { 200: CertificateResponse, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { certificateNumber } = request.params;
      const [entry] = await searchRegister(db, { certificateNumber, limit: 1 });
      const holder = entry ? await findCertificateHolder(db, certificateNumber) : undefined;
      if (!entry || !holder || !(seesEveryCase(user) || user.organisation_id === holder.organisation_id)) {
        throw new ProblemError(problem('notFound', 'No certificate with this number.'));
      }
      return {
        ...presentRegisterEntry(entry),
        accreditationId: holder.accreditation_id,
        edition: holder.edition,
        organisationAddress: {
          street: holder.street,
          postalCode: holder.postal_code,
          city: holder.city,
          country: holder.country,
        },
        registerPath: `/register/${encodeURIComponent(entry.certificate_number)}`,
      };
    },
  );
};
