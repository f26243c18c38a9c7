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
ENV NODE_ENV=production \
    EXIT_DATA_DIR=/var/lib/exitbot \
    EXIT_DATABASE_URL=sqlite:/var/lib/exitbot/exit.db
RUN mkdir -p /var/lib/exitbot && chown node:node /var/lib/exitbot
USER node
VOLUME ["/var/lib/exitbot"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/exitbot.js"]
CMD ["--help"]
