# One image recipe for every service: ./mvnw -DskipTests package, then
#   docker build --build-arg MODULE=catalog-service -t singlesday/catalog-service .
# Layered (dependencies change less often than the application), run as a non-root user, and sized by the
# container's memory limit rather than the host's.
ARG JAVA_IMAGE=eclipse-temurin:21-jre-alpine

FROM ${JAVA_IMAGE} AS layers
ARG MODULE
WORKDIR /build
COPY ${MODULE}/target/${MODULE}.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${JAVA_IMAGE}
ARG MODULE
LABEL org.opencontainers.image.title="singlesday ${MODULE}" \
      org.opencontainers.image.source="https://github.com/singlesday/platform"
RUN addgroup -S festival && adduser -S -G festival -u 10001 festival
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
