/**
 * `npm run build:web`: builds the web application into web/dist (`--force`: even when it is up to
 * date). `npm start` and the browser tests build it themselves when it is missing or stale.
 */
import { ensureWebBuild } from '../dev/web-build';

ensureWebBuild((line) => console.log(line), { force: process.argv.includes('--force') }).catch((error) => {
  console.error(error);
  process.exit(1);
});
