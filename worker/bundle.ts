/**
 * The workflow bundle: the code the worker runs in its sandbox. `npm run build` writes it next to
 * the compiled worker (dist/workflows/), so production starts without webpack; from source
 * (`npm start`, `npm run worker`) it is built at start-up. With tracing on, the bundle also holds
 * the workflow interceptors of `@temporalio/interceptors-opentelemetry`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import type { Logger } from '../config/logger';
import { workflowTracingModule } from '../telemetry/tracing';
import { workflowsPath } from './worker';

export const bundleFileName = (traced: boolean) => (traced ? 'bundle-traced.js' : 'bundle.js');

/** Builds the bundle; webpack's report goes to the log at debug. */
export async function buildWorkflowBundle(traced: boolean, logger?: Logger): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: traced ? [workflowTracingModule] : [],
    logger: {
      log: () => {},
      trace: () => {},
      debug: (message) => logger?.debug(message),
      info: (message) => logger?.debug(message),
      warn: (message) => logger?.warn(message),
      error: (message) => logger?.error(message),
    },
  });
  return code;
}

/** The prebuilt bundle beside the compiled worker if there is one, else one built now. */
export async function loadWorkflowBundle(
  traced: boolean,
  logger: Logger,
): Promise<{ bundle: WorkflowBundleOption; description: string }> {
  const prebuilt = fileURLToPath(new URL(`../workflows/${bundleFileName(traced)}`, import.meta.url));
  if (existsSync(prebuilt)) return { bundle: { codePath: prebuilt }, description: `prebuilt ${prebuilt}` };
  const started = Date.now();
  const code = await buildWorkflowBundle(traced, logger);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const megabytes = (Buffer.byteLength(code) / 1024 / 1024).toFixed(2);
  return { bundle: { code }, description: `built from source in ${seconds} s (${megabytes} MB)` };
}
