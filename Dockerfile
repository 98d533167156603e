# afterhours: multi-stage build; the runtime image holds the binary, flows/
# and locales/ (override either with a mount), and runs as a non-root user.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY benches ./benches
RUN cargo build --release --locked --bin afterhours

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app afterhours
WORKDIR /app
COPY --from=build /src/target/release/afterhours /usr/local/bin/afterhours
COPY flows ./flows
COPY locales ./locales
ENV AFTERHOURS_FLOWS=/app/flows AFTERHOURS_LOCALES=/app/locales
USER afterhours
ENTRYPOINT ["afterhours"]
EXPOSE 8080
ENV BIND_ADDR=0.0.0.0:8080
CMD ["serve"]
