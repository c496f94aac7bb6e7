/**
 * Walks every stream's hash chain in DATABASE_URL and reports tampering: the first tampered event
 * (stream, version, expected vs. found hash) and the first problem of every other affected stream.
 * Exit code 0 when every chain is intact, 1 on tampering, 2 when the check could not run.
 *
 *   npm run events:verify   (DATABASE_URL, or else the database of a running `npm start`)
 */
import { ConfigError, databaseUrlOf, loadEnv } from '../config/env';
import { createDb } from '../db/connection';
import { describeProblem, verifyHashChains } from '../db/verify';

try {
  const db = createDb(databaseUrlOf(loadEnv()), { maxConnections: 1 });
  const started = performance.now();
  const result = await verifyHashChains(db).finally(() => db.destroy());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    console.log(`OK: ${result.events} events in ${result.streams} streams verified in ${seconds} s.`);
  } else {
    console.error(
      `TAMPERED: ${result.problems.length} stream(s) fail verification (${result.events} events checked).`,
    );
    if (result.firstProblem) console.error(`First tampered event: ${describeProblem(result.firstProblem)}`);
    for (const problem of result.problems.slice(1, 50)) console.error(`  also: ${describeProblem(problem)}`);
    if (result.problems.length > 50) console.error(`  … and ${result.problems.length - 50} more`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 2;
}
