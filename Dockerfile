# Three stages: the web application (Vite; its packages are dev dependencies), the services with
# their workflow bundles (`npm run build` → dist/), and the image: dist/, web/dist and the runtime
# packages only, run as the unprivileged `node` user. Node 24 is an LTS line (until April 2028).
FROM node:24-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY web ./web
COPY domain ./domain
COPY api/web-contract.ts ./api/
RUN NODE_ENV=production node node_modules/vite/bin/vite.js build --config web/vite.config.ts

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Optional packages are the platform binaries of development tools (esbuild, swc, the local
# PostgreSQL of `npm start`); the compiled services need none of them.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=web /app/web/dist ./web/dist
USER node
# API, API metrics, worker metrics (the metrics ports belong inside the deployment's network).
EXPOSE 3000 9464 9465
CMD ["node", "--enable-source-maps", "dist/api/main.js"]
