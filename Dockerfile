# credit-policy in a container: `docker build -t credit-policy .`, then
#   docker run --rm -v "$PWD:/data" credit-policy eval pinglu-fgj --input records.jsonl --as-of 2021-12-31
# Stage 1 builds dist/ with the development toolchain and packs the package exactly as `npm pack`
# does (the published file list); stage 2 installs that tarball with production dependencies only,
# so the image carries no TypeScript, test or benchmark code. Same Node major as CI (20).
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && mkdir /pkg && npm pack --ignore-scripts --pack-destination /pkg

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
COPY --from=build /pkg/ /tmp/pkg/
# A tarball install runs none of the package's scripts; --omit=dev leaves the toolchain out.
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/pkg/credit-policy-*.tgz && rm -rf /tmp/pkg /root/.npm
# The policies folder is the working directory's ./policies (or CREDIT_POLICY_DIR): mount yours at /data.
WORKDIR /data
USER node
ENTRYPOINT ["credit-policy"]
CMD ["--help"]
