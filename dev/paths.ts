import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Defined by `npm run build` (dev/build.ts): a compiled entry sits in dist/<folder>/, a level deeper. */
declare const __COMPILED__: boolean;
const compiled = typeof __COMPILED__ !== 'undefined' && __COMPILED__;

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), compiled ? '../..' : '..');
/** Built and downloaded tools; DIM_TOOLS_DIR lets CI keep them across clean clones. */
export const toolsDir = process.env.DIM_TOOLS_DIR ?? join(projectRoot, '.tools');
export const defaultDataDir = join(projectRoot, '.data');
/** The built web application (`npm run build:web`), served by the API at `/`. */
export const webDistDir = join(projectRoot, 'web', 'dist');
