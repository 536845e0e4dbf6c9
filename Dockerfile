# Production image for both processes (API and Temporal worker); compose picks the entry point via `command`.
# TypeScript runs through tsx at runtime (a production dependency), so there is no separate build stage.
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    DOCUMENT_DIR=/data/documents

WORKDIR /app

# Dependencies first so source edits do not invalidate the npm layer. Dev dependencies (test and lint tools)
# are not needed to run; npm 10 in this image runs dependency install scripts (native/optional binaries).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src
COPY schemas ./schemas

# Generated PDFs/XML live on a volume shared by api and worker; create it owned by the runtime user so a fresh
# named volume inherits writable permissions.
RUN mkdir -p /data/documents && chown node:node /data/documents

# The official image ships an unprivileged `node` user (uid 1000).
USER node

EXPOSE 3000

CMD ["npx", "tsx", "src/main/api.ts"]
