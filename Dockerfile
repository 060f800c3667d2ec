# Runtime image for fleet-ota. Build the jar first (./mvnw -B package -DskipTests), then `docker compose up`.
FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --uid 10001 fleetota
COPY target/fleet-ota-*.jar /app/fleet-ota.jar
USER fleetota
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/fleet-ota.jar"]
