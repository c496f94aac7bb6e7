/** `npm run build`: compiles the services to dist/ (see dev/build.ts); `node dist/api/main.js` runs one. */
import { buildForProduction } from '../dev/build';

await buildForProduction((line) => console.log(line));
