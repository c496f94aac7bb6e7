import { deadlineLabels } from '@domain/calendar';
import type { LocalisedText } from '@domain/catalogue';
import type { TFunction } from 'i18next';
import type { paths } from '../../api/schema';
import { isStepType } from '../../cases/status';
import type { Language } from '../../i18n';

export type Task = paths['/tasks']['get']['responses'][200]['content']['application/json']['items'][number];

const kindLabels: Readonly<Record<string, LocalisedText | undefined>> = deadlineLabels;

/** What a task asks for, in words (the domain's own labels, as the e-mails and calendars use). */
export function taskLabel(kind: string, language: Language): string {
  return kindLabels[kind]?.[language] ?? kind;
}

/** The name of a step (a button that opens its form); an unknown type stays as the API names it. */
export function stepLabel(words: TFunction<'cases'>, type: string): string {
  return isStepType(type) ? words(`command.${type}`) : type;
}

/** Earliest due first, tasks without a deadline last; then by organisation. */
export function byDueDate(a: Task, b: Task): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return Date.parse(a.dueAt) - Date.parse(b.dueAt);
  }
  return a.organisationName.localeCompare(b.organisationName);
}
