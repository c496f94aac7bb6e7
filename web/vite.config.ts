/**
 * The web application's build (`npm run build:web` → web/dist, served by the API at `/`) and dev
 * server (`npm run dev:web`: hot reload, proxying the API's paths to API_HOST:API_PORT).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import { apiPathPrefixes, cspNoncePlaceholder, isUnder, serverOnlyPathPrefixes } from '../api/web-contract';

const webDir = import.meta.dirname;

/** .br and .gz beside each script and style sheet, for the API's static files (preCompressed). */
function precompress(): Plugin {
  return {
    name: 'dim-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css|svg)$/.test(file.fileName)) continue;
        const content = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        if (content.length < 1024) continue;
        const path = join(options.dir ?? join(webDir, 'dist'), file.fileName);
        writeFileSync(`${path}.br`, brotliCompressSync(content));
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

const api = `http://${process.env.API_HOST ?? '127.0.0.1'}:${process.env.API_PORT ?? '3000'}`;

/** As the API server does: a browser navigation gets the application, anything else the API. */
const proxy: ProxyOptions = {
  target: api,
  bypass: (request) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const navigation = request.method === 'GET' && request.headers.accept?.includes('text/html');
    return navigation && !isUnder(path, serverOnlyPathPrefixes) ? '/index.html' : undefined;
  },
};

export default defineConfig({
  root: webDir,
  resolve: { alias: { '@domain': join(webDir, '..', 'domain') } },
  plugins: [react(), precompress()],
  html: { cspNonce: cspNoncePlaceholder },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1000 },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: Object.fromEntries(apiPathPrefixes.map((prefix) => [`^${prefix}(/|\\?|$)`, proxy])),
  },
});
