import { join } from 'node:path';
import { projectRoot } from '../../dev/paths';

/** Where the browser tests put a screenshot of every page they visit (gitignored). */
export const screenshotDir = join(projectRoot, 'test', 'browser', 'screenshots');
