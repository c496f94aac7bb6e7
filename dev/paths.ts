import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Built and downloaded tools; DIM_TOOLS_DIR lets CI keep them across clean clones. */
export const toolsDir = process.env.DIM_TOOLS_DIR ?? join(projectRoot, '.tools');
export const defaultDataDir = join(projectRoot, '.data');
/** The built web application (`npm run build:web`), served by the API at `/`. */
export const webDistDir = join(projectRoot, 'web', 'dist');
