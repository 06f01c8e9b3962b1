# syntax=docker/dockerfile:1
# One image for all four processes of the Guangming platform; the command selects the app:
#   docker run IMAGE apps/gateway/dist/main.js          (also resources, triage, housing)
#   docker run IMAGE apps/resources/dist/main.js migrate latest
# No HEALTHCHECK: Kubernetes probes and the compose file check /healthz and /readyz.

ARG NODE_VERSION=22

# Only the manifests npm ci reads, so the dependency layer is rebuilt only when they change.
FROM node:${NODE_VERSION}-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -path ./node_modules -prune -o \( -name package.json -o -name package-lock.json \) -type f -print \
    | xargs cp --parents -t /manifests

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run build
# Production dependencies only; sources, declarations and test-only workspaces stay behind.
RUN npm prune --omit=dev --no-audit --no-fund \
 && rm -rf apps/e2e node_modules/@gm/e2e \
 && find apps libs -path '*/node_modules' -prune -o -type f \
      \( -name '*.ts' -o -name '*.tsbuildinfo' -o -name 'tsconfig*.json' -o -name '*.spec.*' \) -print \
    | xargs rm -f

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
# Set by CI to the repository URL, so registries link the image to its source.
ARG SOURCE=""
LABEL org.opencontainers.image.title="guangming-platform" \
      org.opencontainers.image.description="Guangming Science City alliance platform: gateway, resources, triage and housing services" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="Guangming Science City alliance" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}"
# tini as PID 1 forwards SIGTERM to node and reaps zombies, so rollouts drain cleanly.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
COPY --from=build /app/apps ./apps
# Numeric uid (the image's "node" user), so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3000 3001 3002 3003
ENTRYPOINT ["/usr/bin/tini", "--", "node", "--enable-source-maps", "--import", "./libs/shared/telemetry/otel-hook.mjs"]
CMD ["apps/gateway/dist/main.js"]
