import type { ComponentType } from 'react';

export interface StepFormProps {
  accreditationId: string;
  /** The open task the form was opened from, if any (its subject: a request, finding, element, …). */
  taskId?: string;
  subjectId?: string;
  /** Called once the API has recorded the step. */
  onDone: () => void;
}

/** A lazily loaded form module, as React Router loads pages: it exports `Component`. */
export type StepFormModule = () => Promise<{ Component: ComponentType<StepFormProps> }>;
export type StepForms = Readonly<Record<string, StepFormModule>>;
