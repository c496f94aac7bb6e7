import { expect } from 'vitest';
import type { TestUser } from '../fixtures/users';
import { type ApiResponse, pdf } from './api-harness';
import type { TestStack } from './stack';

export type Viewer =
  | 'admin'
  | 'staff'
  | 'decisionMaker'
  | 'reviewer'
  | 'objectedAuditor'
  | 'leadAuditor'
  | 'uninvolvedAuditor'
  | 'organisation'
  | 'stranger'
  | 'anonymous';

/**
 * Looks at one case over HTTP as every role: who gets the case file at all, and what of it each one
 * sees — and what not; keeps the case as answered at an instant for the "as of" test.
 */
export function caseFileViews(api: TestStack) {
  const people = {} as Record<Exclude<Viewer, 'anonymous'>, TestUser>;
  /** The case looked at; set once it is opened. */
  const current = { id: '' };
  const snapshots: { at: string; stage: string; detail: unknown; file: unknown }[] = [];

  const path = (suffix: string) => `/accreditations/${current.id}${suffix}`;
  async function step(user: TestUser, name: string, body: unknown) {
    const response = await api.call(user, 'POST', path(`/${name}`), body);
    expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body;
  }
  async function upload(name: string) {
    const response = await api.call(people.organisation, 'POST', `/documents?filename=${name}`, pdf(name), {
      'content-type': 'application/pdf',
    });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }
  const fileOf = (viewer: Viewer, query = '') =>
    api.call(viewer === 'anonymous' ? null : people[viewer], 'GET', path(`/file${query}`));

  /** Who may read the file at this stage: the rest must get 404 (or 401 without a token). */
  async function views(readers: Viewer[]) {
    const all: Viewer[] = [
      'admin',
      'staff',
      'decisionMaker',
      'reviewer',
      'objectedAuditor',
      'leadAuditor',
      'uninvolvedAuditor',
      'organisation',
      'stranger',
      'anonymous',
    ];
    const seen = {} as Record<Viewer, ApiResponse>;
    for (const viewer of all) {
      const response = await fileOf(viewer);
      seen[viewer] = response;
      const expected = readers.includes(viewer) ? 200 : viewer === 'anonymous' ? 401 : 404;
      expect(response.status, `${viewer}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(expected);
      if (response.status !== 200) continue;
      expectHidden(viewer, response.body);
      const detail = await api.call(people[viewer as Exclude<Viewer, 'anonymous'>], 'GET', path(''));
      expect(detail.status, viewer).toBe(200);
      expectHiddenInDetail(viewer, detail.body);
      details[viewer] = detail.body;
    }
    return seen;
  }

  /** The case's timeline and open tasks as each viewer got them at the last `views`. */
  const details = {} as Record<Viewer, { timeline: { type: string }[]; openTasks: { kind: string }[] }>;
  const typesOf = (viewer: Viewer) => details[viewer].timeline.map((entry) => entry.type);

  /** GET /accreditations/{id} leaves out, by the case file's rule, what the viewer may not see. */
  function expectHiddenInDetail(
    viewer: Viewer,
    detail: { version: number; timeline: { type: string }[]; openTasks: { kind: string }[] },
  ) {
    const types = detail.timeline.map((entry) => entry.type);
    const kinds = detail.openTasks.map((task) => task.kind);
    if (viewer === 'admin' || viewer === 'staff') {
      expect(detail.timeline, viewer).toHaveLength(detail.version);
      return;
    }
    expect(types, viewer).toContain('AccreditationOpened');
    expect(
      types.filter((type) => type.startsWith('Complaint')),
      viewer,
    ).toEqual([]);
    expect(
      kinds.filter((kind) => kind.includes('complaint')),
      viewer,
    ).toEqual([]);
    if (viewer === 'decisionMaker') return;
    const internalEvents = [
      'DecisionMakerAssigned',
      'LapseProposed',
      'SelfAssessmentEscalated',
      'SuspensionProposed',
      'SuspensionProposalRejected',
    ];
    expect(
      types.filter((type) => internalEvents.includes(type)),
      viewer,
    ).toEqual([]);
    const queue = ['decide_accreditation', 'decide_lapse', 'decide_suspension_proposal'];
    expect(
      kinds.filter((kind) => queue.includes(kind)),
      viewer,
    ).toEqual([]);
    if (viewer === 'organisation') expect(types).not.toContain('AuditorDeadlineApproaching');
  }

  /** What each role must never see, at any stage. */
  function expectHidden(viewer: Viewer, view: { file: Record<string, unknown> }) {
    const { file } = view;
    const text = JSON.stringify(file);
    if (viewer === 'admin' || viewer === 'staff') {
      expect(file).toHaveProperty('complaints');
      expect(file).toHaveProperty('suspensionProposals');
      return;
    }
    expect(file, viewer).not.toHaveProperty('complaints');
    expect(text, viewer).not.toContain('Ausfall am Wochenende');
    if (viewer === 'decisionMaker') return;
    expect(file, viewer).not.toHaveProperty('suspensionProposals');
    expect(text, viewer).not.toContain('escalatedAt');
    if (viewer === 'organisation') {
      expect(text).not.toContain('reviewerRemindedAt');
      expect(text).not.toContain('auditorRemindedAt');
    }
  }

  /** The case and its file as answered now, kept with the instant for the "as of" test. */
  async function snapshot(stage: string) {
    const detail = await api.call(people.staff, 'GET', path(''));
    const file = await fileOf('staff');
    snapshots.push({ at: new Date().toISOString(), stage, detail: detail.body, file: file.body });
  }

  return { people, current, snapshots, path, step, upload, fileOf, views, details, typesOf, snapshot };
}
