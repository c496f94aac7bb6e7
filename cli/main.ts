/**
 * The staff CLI: `npm run cli -- <command>` (`--help` lists the commands). Case work goes through
 * the HTTP API; users/tokens bootstrap, projection rebuilds and the event check work directly on
 * the database (DATABASE_URL).
 */
import { runCli } from './program';

// Output piped into `head` and the like: stop quietly when the reader is gone.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
});
