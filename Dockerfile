# EXIT bot image: Node.js 20 with the compiled CLI and its native modules.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 and hnswlib-node compile from source.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
COPY . .
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-nanum tini \
  && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=node:node /app /app
# Secrets (Slack and Discord tokens, EXIT_ENGINE_TOKEN, a MySQL password in EXIT_DATABASE_URL)
# are passed at run time with -e or EXIT_CONFIG_FILE, never baked into the image.
# The serve commands start the health server on EXIT_HEALTH_PORT; set EXIT_HEALTH_HOST=0.0.0.0
# when probes come from outside the container (Kubernetes).
ENV NODE_ENV=production \
    EXIT_DATA_DIR=/var/lib/exitbot \
    EXIT_DATABASE_URL=sqlite:/var/lib/exitbot/exit.db \
    EXIT_HEALTH_PORT=8080
RUN mkdir -p /var/lib/exitbot && chown node:node /var/lib/exitbot
# The base image's `node` user (uid and gid 1000), numeric so that runAsNonRoot can verify it.
USER 1000:1000
VOLUME ["/var/lib/exitbot"]
EXPOSE 8080
# Liveness only: /readyz would mark the container unhealthy during a database outage, which a
# restart does not fix. One-shot commands (import, index build) run no health server, so their
# containers show "unhealthy" after the start period; the check matters for `serve` only.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.EXIT_HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/exitbot.js"]
CMD ["--help"]
