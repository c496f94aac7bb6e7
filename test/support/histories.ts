import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';

/**
 * Golden histories: real histories of the accreditation workflow, captured from the scenario tests
 * and replayed in CI by `test/workflow/replay.test.ts`. They are the shipped behaviour of the
 * workflow, release by release (`<scenario>@<release>.json`; the first release's carry no `@`).
 * `npx tsx scripts/record-histories.ts <release>` adds a release's; the old ones stay, and every
 * change to the workflow's logic goes behind `patched()` (DESIGN.md §5) so that they still replay.
 */
export const historiesDir = fileURLToPath(new URL('../histories/', import.meta.url));

export const recordingHistories = process.env.RECORD_HISTORIES === '1';

/** The release the recorded histories belong to, e.g. `2026-11-27`; in their file names after an `@`. */
const recordingRelease = process.env.RECORD_HISTORIES_RELEASE;

// The files are proto3 JSON, the format of `temporal workflow show --output json` and the Temporal UI's
// download. `historyToJSON` / `historyFromJSON` of @temporalio/common 1.24 fail here with "type must be a
// Type": @temporalio/common and @temporalio/proto each get a nested copy of protobufjs 8 (the top level
// holds protobufjs 7 for @grpc/proto-loader), and protojson checks `instanceof Type` across the copies.
// So the conversion runs with the protobufjs copy that @temporalio/proto itself uses.
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): History | null;
}
const require = createRequire(import.meta.url);
const protoRequire = createRequire(require.resolve('@temporalio/proto'));
const proto = protoRequire('@temporalio/proto') as typeof import('@temporalio/proto');
const { patchProtobufRoot } = protoRequire('@temporalio/proto/lib/patch-protobuf-root') as {
  patchProtobufRoot<T extends Record<string, unknown>>(root: T): T & { lookupType(name: string): unknown };
};
const { toJson, fromJson } = protoRequire('protobufjs/ext/protojson') as ProtoJson;
const historyType = patchProtobufRoot(proto as unknown as Record<string, unknown>).lookupType(
  'temporal.api.history.v1.History',
);

export function historyToJson(history: History): unknown {
  return toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history));
}

/** A History message, as `Worker.runReplayHistories` takes it (a JSON one would go through the failing path). */
export function historyFromJson(json: unknown): History {
  const history = fromJson(historyType, json, { ignoreUnknownFields: true });
  if (!history) throw new TypeError('Not a workflow history');
  return history;
}

/**
 * With RECORD_HISTORIES=1, writes the history of the workflow's current run as
 * `test/histories/<name>@<release>.json` (`RECORD_HISTORIES_RELEASE`), or `<name>.json` without one.
 */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (!recordingHistories) return;
  const history = await handle.fetchHistory();
  mkdirSync(historiesDir, { recursive: true });
  const file = join(historiesDir, `${recordingRelease ? `${name}@${recordingRelease}` : name}.json`);
  writeFileSync(file, JSON.stringify(historyToJson(history)));
  // In the project's format, so `biome check .` passes and a diff shows which events changed.
  await promisify(execFile)('npx', ['biome', 'format', '--write', file]);
}

export interface GoldenHistory {
  name: string;
  workflowId: string;
  history: History;
}

export function loadGoldenHistories(): GoldenHistory[] {
  return readdirSync(historiesDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.json$/, '');
      const history = historyFromJson(JSON.parse(readFileSync(join(historiesDir, file), 'utf8')));
      return { name, workflowId: `golden-${name.replace('@', '-')}`, history };
    });
}
