# syntax=docker/dockerfile:1
# afterhours: multi-stage build; the runtime image holds the binary, flows/
# and locales/ (override either with a read-only mount over /app/flows or
# /app/locales), and runs as a non-root user. docker-compose.yml runs it
# beside Redis; tests/container_contract.rs starts the binary as this file
# does (ENV, ENTRYPOINT, CMD, EXPOSE, HEALTHCHECK), so keep those lines simple.

FROM rust:1-bookworm AS build
WORKDIR /src
# What `cargo build --release --locked` reads: the manifest, the lock file,
# the sources, and benches/ because Cargo.toml declares [[bench]] targets
# (cargo refuses a manifest whose declared targets are missing).
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY benches ./benches
# The caches keep the registry and compiled dependencies between builds; the
# binary is copied out of the cached target/ in the same step.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin afterhours \
    && cp target/release/afterhours /afterhours

FROM debian:bookworm-slim
# ca-certificates for any TLS peer; time zones are compiled into the binary
# (chrono-tz), so tzdata is not needed.
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 afterhours \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin afterhours
WORKDIR /app
COPY --from=build /afterhours /usr/local/bin/afterhours
COPY flows ./flows
COPY locales ./locales
ENV AFTERHOURS_FLOWS=/app/flows AFTERHOURS_LOCALES=/app/locales BIND_ADDR=0.0.0.0:8080
# Numeric, so that orchestrators can check it is not root.
USER 10001:10001
EXPOSE 8080
# The binary asks its own /healthz (on BIND_ADDR's port): no curl in the image.
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 CMD ["afterhours", "healthcheck"]
# Exec form: afterhours is PID 1 and receives SIGTERM itself, then stops
# accepting, finishes the requests and events in hand, and exits.
ENTRYPOINT ["afterhours"]
CMD ["serve"]
