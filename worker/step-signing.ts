/**
 * Hands the step signing key to the workflow sandbox, which has no environment and no file system:
 * the worker prefixes the workflow bundle with one statement that sets the global the validator
 * reads (`sandboxKeyGlobal`, workflows/accreditation.ts). On the bundle's first line, so the
 * source map's line numbers stay right; the code itself is never logged (the SDK logs its length).
 */
import { readFile } from 'node:fs/promises';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { sandboxKeyGlobal } from '../domain/step-signature';

export async function withStepSigningKey(
  bundle: WorkflowBundleOption,
  key: string,
): Promise<{ code: string }> {
  const code = 'code' in bundle ? bundle.code : await readFile(bundle.codePath, 'utf8');
  const statement = `Object.defineProperty(globalThis, ${JSON.stringify(sandboxKeyGlobal)}, { value: ${JSON.stringify(key)} });`;
  return { code: `${statement}${code}` };
}
