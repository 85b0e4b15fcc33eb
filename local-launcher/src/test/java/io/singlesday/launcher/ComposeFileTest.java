package io.singlesday.launcher;

import io.singlesday.contracts.topics.Topic;
import io.singlesday.contracts.topics.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is held to the platform itself: every service
 * module has its compose service with the port, probe, database and variables the service really reads, the
 * gateway finds every service, and the broker gets exactly the registry's topics.
 */
class ComposeFileTest {

    private static final Path HOME = Path.of(System.getProperty("festival.home", "..")).toAbsolutePath().normalize();
    private final JsonNode compose = read("docker-compose.yml");
    private final JsonNode services = compose.path("services");

    @Test
    void everyServiceModuleRunsWithItsPortProbeAndDatabase() throws Exception {
        String platformDefaults = Files.readString(HOME.resolve("platform-common/src/main/resources/festival-platform-defaults.yml"));
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            JsonNode service = services.path(spec.module());
            assertThat(service.isMissingNode()).as(spec.module() + " in docker-compose.yml").isFalse();
            assertThat(service.path("build").path("args").path("MODULE").asString()).isEqualTo(spec.module());
            JsonNode env = service.path("environment");
            assertThat(env.path("SERVER_PORT").asString()).isEqualTo(String.valueOf(spec.defaultPort()));
            assertThat(env.path("DB_URL").asString()).isEqualTo("jdbc:postgresql://postgres:5432/" + spec.database());
            assertThat(env.path("DB_USER").asString()).isEqualTo(spec.database());
            assertThat(service.path("healthcheck").path("test").toString())
                    .contains("localhost:" + spec.defaultPort() + "/actuator/health/readiness");
            String configuration = platformDefaults + Files.readString(
                    HOME.resolve(spec.module()).resolve("src/main/resources/application.yml"));
            env.propertyNames().forEach(variable -> assertThat(configuration)
                    .as("%s sets %s, which the service must read", spec.module(), variable)
                    .contains("${" + variable + ":"));
            for (ServiceSpec other : ServiceSpec.SERVICES) {
                if (env.has(other.urlVariable())) {
                    assertThat(env.path(other.urlVariable()).asString()).as("%s finds %s", spec.module(), other.module())
                            .isEqualTo("http://" + other.module() + ":" + other.defaultPort());
                }
            }
        }
    }

    @Test
    void theGatewayFindsEveryServiceAndIsTheOnlyPublishedApplication() throws Exception {
        String gatewayConfig = Files.readString(HOME.resolve("gateway/src/main/resources/application.yml"));
        JsonNode gateway = services.path("gateway");
        assertThat(gateway.path("ports").toString()).contains("8080:8080");
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            assertThat(gateway.path("environment").path(spec.urlVariable()).asString())
                    .isEqualTo("http://" + spec.module() + ":" + spec.defaultPort());
            assertThat(gatewayConfig).contains("${" + spec.urlVariable() + ":");
            assertThat(services.path(spec.module()).has("ports")).as(spec.module() + " publishes no port").isFalse();
            assertThat(gateway.path("depends_on").path(spec.module()).path("condition").asString()).isEqualTo("service_healthy");
        }
    }

    @Test
    void theBrokerGetsExactlyTheTopicsOfTheRegistry() {
        String script = services.path("kafka-topics").path("command").toString();
        Matcher created = Pattern.compile("--topic ([a-z.]+) --partitions (\\d+)").matcher(script);
        List<String> found = new ArrayList<>();
        while (created.find()) {
            found.add(created.group(1) + "/" + created.group(2));
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(
                Topics.allWithDeadLetters().stream().map(t -> t.name() + "/" + t.partitions()).toList());
        for (Topic topic : Topics.all()) {
            if (topic.compacted()) {
                assertThat(script).contains("--topic " + topic.name() + " --partitions " + topic.partitions()
                        + " --replication-factor 1 --config cleanup.policy=compact");
            }
        }
    }

    @Test
    void postgresGetsEveryDatabaseAndPrometheusScrapesEveryProcess() throws Exception {
        String init = Files.readString(HOME.resolve("deploy/compose/postgres-init.sh"));
        String prometheus = Files.readString(HOME.resolve("deploy/compose/prometheus.yml"));
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            assertThat(init).contains(" " + spec.database());
            assertThat(prometheus).contains(spec.module() + ":" + spec.defaultPort());
        }
        assertThat(prometheus).contains("gateway:8080");
    }

    @Test
    void theLoadTesterIsOptInAndAimsAtTheGateway() throws Exception {
        JsonNode tester = services.path("load-tester");
        assertThat(tester.path("profiles").toString()).isEqualTo("[\"load\"]");
        assertThat(tester.path("build").path("args").path("MODULE").asString()).isEqualTo("load-tester");
        assertThat(Files.exists(HOME.resolve("load-tester/pom.xml"))).isTrue();
        List<String> command = new ArrayList<>();
        tester.path("command").forEach(argument -> command.add(argument.asString()));
        assertThat(command.getFirst()).isEqualTo("day");
        assertThat(String.join(" ", command)).contains("--target http://gateway:8080");
        assertThat(tester.path("depends_on").path("gateway").path("condition").asString()).isEqualTo("service_healthy");
        // The jar opens java.lang for Gatling in its manifest, which only java -jar honours; the image needs the flag.
        assertThat(Files.readString(HOME.resolve("load-tester/pom.xml"))).contains("<Add-Opens>java.base/java.lang</Add-Opens>");
        assertThat(tester.path("environment").path("JDK_JAVA_OPTIONS").asString())
                .contains("--add-opens=java.base/java.lang=ALL-UNNAMED");
        assertThat(services.path("gateway").path("environment").has("DEV_TOKENS_PRIVATE_KEY_LOCATION"))
                .as("the load tester takes its tokens from the gateway's /dev/tokens").isTrue();
    }

    private static JsonNode read(String file) {
        try {
            return new YAMLMapper().readTree(Files.readString(HOME.resolve(file)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
