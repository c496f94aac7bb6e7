import type { CommandType } from '@domain/commands';
import { type CaseStatus, caseStatuses } from '@domain/state';
import type { TaskKind } from '@domain/tasks';
import type { TimerKind } from '@domain/timers';
import type { WaitingReason } from '@domain/waiting';
import { cases } from './messages';

export type { CaseStatus, TaskKind };
export { caseStatuses };

// Every status and task kind of the domain has its words (a missing one does not compile).
cases.de.status satisfies Record<CaseStatus, string>;
cases.de.task satisfies Record<TaskKind, string>;
cases.de.deadline satisfies Record<TimerKind, string>;
cases.de.waiting satisfies Record<WaitingReason, string>;
cases.de.command satisfies Record<Exclude<CommandType, 'OpenAccreditation' | 'ElapseTimer'>, string>;

/** The statuses a case is still moving through (the pipeline); the rest are where it stands. */
export const pipelineStatuses: readonly CaseStatus[] = caseStatuses.slice(0, 8);

export const isCaseStatus = (value: string): value is CaseStatus =>
  (caseStatuses as readonly string[]).includes(value);
export const isTaskKind = (value: string): value is TaskKind => Object.hasOwn(cases.de.task, value);

/** A human step of the API (`AssignCaseManager`, …): every command but opening and the clock's. */
export type StepType = keyof typeof cases.de.command;
export const isStepType = (value: string): value is StepType => Object.hasOwn(cases.de.command, value);

/** The words for the workflow's refusals of a step, by code (for `ProblemAlert`'s `messages`). */
export const rejectionMessages = (language: keyof typeof cases): Readonly<Record<string, string>> =>
  cases[language].rejection;
