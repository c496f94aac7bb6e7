/** Finds or builds the Temporal dev server and the time-skipping test server (see dev/tools.ts). */
import {
  MissingToolError,
  resolveTemporalCli,
  resolveTemporalTestServer,
  temporalCliVersion,
} from '../dev/tools';

try {
  const cli = await resolveTemporalCli();
  console.log(`Temporal CLI:         ${cli} (${temporalCliVersion(cli)})`);
  console.log(`Temporal test server: ${await resolveTemporalTestServer()}`);
} catch (error) {
  console.error(error instanceof MissingToolError ? error.message : error);
  process.exit(1);
}
