# The web application is built in a stage of its own (Vite and React are dev dependencies); the
# image carries only its output, which the API serves at /.
FROM node:22.12-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY web ./web
COPY domain ./domain
COPY api/web-contract.ts ./api/
RUN NODE_ENV=production node node_modules/vite/bin/vite.js build --config web/vite.config.ts

FROM node:20.18-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY . .
COPY --from=web /app/web/dist ./web/dist
USER node
CMD ["npx", "tsx", "api/main.ts"]
