import type { TFunction } from 'i18next';
import { caseEvents } from './event-messages';
import { accreditation } from './messages';

/** Texts by a key the API gives as a string; a key this version does not know is shown as it is. */
const has = <T extends object>(texts: T, key: string): key is Extract<keyof T, string> => key in texts;

export const roleLabel = (t: TFunction<'accreditation'>, role: string) =>
  has(accreditation.de.roles, role) ? t(`roles.${role}`) : role;

export const statusLabel = (t: TFunction<'accreditation'>, status: string) =>
  has(accreditation.de.status, status) ? t(`status.${status}`) : status;

export const eventLabel = (t: TFunction<'caseEvents'>, type: string) =>
  has(caseEvents.de.events, type) ? t(`events.${type}`) : type;

export const timerLabel = (t: TFunction<'caseEvents'>, kind: string) =>
  has(caseEvents.de.timers, kind) ? t(`timers.${kind}`) : kind;
