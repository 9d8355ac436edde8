# syntax=docker/dockerfile:1
#
# openrouter-exporter in a container: built with the Maven wrapper, run on a JRE as a non-root user.
#
#   docker build --build-arg REVISION=$(git rev-parse --short=12 HEAD) -t openrouter-exporter .
#   docker run -p 9877:9877 -e OPENROUTER_API_KEY \
#     -v "$PWD/my-config.yml:/etc/openrouter-exporter/openrouter-exporter.yml:ro" openrouter-exporter
#
# Configuration: the image reads /etc/openrouter-exporter/openrouter-exporter.yml (a copy of
# config/openrouter-exporter.yml until you mount your own there). An api_key_file is resolved
# relative to that directory, so a key mounted at /etc/openrouter-exporter/api-key is
# `api_key_file: api-key`; or pass OPENROUTER_API_KEY, which wins over the file.

FROM eclipse-temurin:17.0.17_10-jdk-noble AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# .git is not in the build context (.dockerignore): the revision comes in as a build argument.
ARG REVISION=unknown
RUN ./mvnw -B -q package -DskipTests -Dgit.commit.id.abbrev="${REVISION}"

FROM eclipse-temurin:17.0.17_10-jre-noble
# VERSION follows the POM's <version>; a test keeps the two equal.
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="openrouter-exporter" \
      org.opencontainers.image.description="Prometheus exporter for the uptime, latency, throughput and prices of OpenRouter model endpoints" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17.0.17_10-jre-noble"
RUN groupadd --system --gid 10001 exporter \
 && useradd --system --uid 10001 --gid exporter --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin exporter
COPY --from=build /src/target/openrouter-exporter.jar /opt/openrouter-exporter/openrouter-exporter.jar
COPY config/openrouter-exporter.yml /etc/openrouter-exporter/openrouter-exporter.yml
USER 10001:10001
EXPOSE 9877
# Only bash (its /dev/tcp), head and grep, which any Ubuntu base has: a JRE image need not
# carry curl or wget.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9877 && printf 'GET /-/healthy HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# JVM flags for a small container (one core or two, a few hundred MiB):
#   MaxRAMPercentage   heap follows the container's memory limit, not the host's
#   Xms16m             start small and grow as needed: the default initial heap is 1/64 of the
#                      memory, and a young generation that large is touched, and resident, in full
#   UseSerialGC        the smallest collector's footprint; the heap holds one snapshot per model
#   TieredStopAtLevel=1  the quick C1 compiler only: start-up and resident memory drop, and the hot
#                      path (copying cached bytes, native deflate) gains little from C2
#   ExitOnOutOfMemoryError  die and let the runtime restart us rather than limp on
#   Xss512k            smaller thread stacks (Quartz, OkHttp and web server threads need little)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Xms16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-Xss512k", "-jar", "/opt/openrouter-exporter/openrouter-exporter.jar"]
CMD ["--config.file=/etc/openrouter-exporter/openrouter-exporter.yml"]
