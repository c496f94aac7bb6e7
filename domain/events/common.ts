import { z } from 'zod';
import { roles } from '../roles';
import { boundedList, FreeTextSchema, IdSchema } from '../text-limits';
import { IsoDateTimeSchema } from '../time-schemas';

/** Building blocks shared by the event schemas of every stage. */
export const Id = IdSchema;
export const Text = FreeTextSchema;
export const At = IsoDateTimeSchema;
export const DocumentIds = boundedList(Id);

export function event<Type extends string, Data extends z.ZodRawShape>(type: Type, data: Data) {
  return z.object({ type: z.literal(type), data: z.object(data) });
}

/** Data of every event a timer caused. */
export const caused = { timerId: Id };

export const RoleSchema = z.enum(roles);

/** Whom a notification caused by the event goes to. */
export const RecipientSchema = z.object({
  role: RoleSchema,
  userId: Id.optional(),
  organisationId: Id.optional(),
});
export type Recipient = z.infer<typeof RecipientSchema>;
