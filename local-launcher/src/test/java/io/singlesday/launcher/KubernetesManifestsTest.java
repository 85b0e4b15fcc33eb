package io.singlesday.launcher;

import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.singlesday.contracts.topics.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * No cluster runs here, so k8s/ is held to the official Kubernetes models (a typo in a field, a wrong type or a
 * removed API version fails) and to the platform itself: ports, probes, variables, databases and topics.
 */
class KubernetesManifestsTest {

    private static final Path HOME = Path.of(System.getProperty("festival.home", "..")).toAbsolutePath().normalize();
    private static final Path BASE = HOME.resolve("k8s/base");
    private static final YAMLMapper yaml = new YAMLMapper();

    /** Core kinds, each with the only API version the platform uses and the model that parses it strictly. */
    private static final Map<String, Model> CORE = Map.of(
            "Namespace", new Model("v1", V1Namespace::fromJson),
            "Deployment", new Model("apps/v1", V1Deployment::fromJson),
            "Service", new Model("v1", V1Service::fromJson),
            "PodDisruptionBudget", new Model("policy/v1", V1PodDisruptionBudget::fromJson),
            "HorizontalPodAutoscaler", new Model("autoscaling/v2", V2HorizontalPodAutoscaler::fromJson),
            "Ingress", new Model("networking.k8s.io/v1", V1Ingress::fromJson),
            "NetworkPolicy", new Model("networking.k8s.io/v1", V1NetworkPolicy::fromJson));

    /** Operator resources (Strimzi, CloudNativePG, KEDA): not in the official models, so checked by version only. */
    private static final Map<String, String> OPERATED = Map.of(
            "Kafka", "kafka.strimzi.io/v1beta2", "KafkaNodePool", "kafka.strimzi.io/v1beta2",
            "KafkaTopic", "kafka.strimzi.io/v1beta2", "Cluster", "postgresql.cnpg.io/v1", "Database", "postgresql.cnpg.io/v1",
            "ScaledObject", "keda.sh/v1alpha1");

    private record Model(String apiVersion, Parser parser) {
    }

    private interface Parser {
        Object parse(String json) throws IOException;
    }

    @Test
    void everyDocumentParsesStrictlyAndNoSecretIsCommitted() throws IOException {
        List<JsonNode> documents = documents();
        assertThat(documents).hasSizeGreaterThan(30);
        for (JsonNode doc : documents) {
            String kind = doc.path("kind").asString();
            String where = kind + " " + doc.path("metadata").path("name").asString();
            assertThat(kind).as(where).isNotEqualTo("Secret");
            if (CORE.containsKey(kind)) {
                assertThat(doc.path("apiVersion").asString()).as(where).isEqualTo(CORE.get(kind).apiVersion());
                assertThatCode(() -> CORE.get(kind).parser().parse(doc.toString())).as(where).doesNotThrowAnyException();
            } else {
                assertThat(OPERATED).as("a kind the platform knows: " + where).containsKey(kind);
                assertThat(doc.path("apiVersion").asString()).as(where).isEqualTo(OPERATED.get(kind));
            }
        }
    }

    @Test
    void theModelsRejectWhatADeploymentMustNotContain() {
        String typo = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":{\"replicas\":1,\"selectr\":{},\"template\":{}}}";
        assertThatCode(() -> V1Deployment.fromJson(typo)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyServiceRunsWithTheSamePortProbesAndVariablesAsItsConfiguration() throws IOException {
        String platformDefaults = Files.readString(HOME.resolve("platform-common/src/main/resources/festival-platform-defaults.yml"));
        List<ServiceSpec> all = new ArrayList<>(ServiceSpec.SERVICES);
        all.add(ServiceSpec.GATEWAY);
        for (ServiceSpec spec : all) {
            JsonNode deployment = find("Deployment", spec.module());
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as(spec.module()).isEqualTo(spec.defaultPort());
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/liveness");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/readiness");
            assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.path("resources").path("requests").has("memory")).isTrue();
            String configuration = platformDefaults + Files.readString(HOME.resolve(spec.module()).resolve("src/main/resources/application.yml"));
            for (JsonNode env : container.path("env")) {
                String name = env.path("name").asString();
                assertThat(configuration).as("%s sets %s, which it must read", spec.module(), name).contains("${" + name + ":");
                if (name.equals("SERVER_PORT")) {
                    assertThat(env.path("value").asString()).isEqualTo(String.valueOf(spec.defaultPort()));
                }
                if (name.equals("DB_URL")) {
                    assertThat(env.path("value").asString()).endsWith("/" + spec.database());
                }
                for (ServiceSpec other : ServiceSpec.SERVICES) {
                    if (name.equals(other.urlVariable())) {
                        assertThat(env.path("value").asString()).as("%s finds %s", spec.module(), other.module())
                                .isEqualTo("http://" + other.module() + ":" + other.defaultPort());
                    }
                }
            }
            assertThat(find("Service", spec.module()).path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(spec.defaultPort());
            find("PodDisruptionBudget", spec.module());
            if (!spec.isGateway()) {
                find("Database", spec.database());
            }
        }
    }

    @Test
    void kafkaTopicsAreExactlyTheRegistry() throws IOException {
        List<String> declared = documents().stream().filter(d -> d.path("kind").asString().equals("KafkaTopic"))
                .map(d -> d.path("spec").path("topicName").asString() + "/" + d.path("spec").path("partitions").asInt())
                .toList();
        assertThat(declared).containsExactlyInAnyOrderElementsOf(
                Topics.allWithDeadLetters().stream().map(t -> t.name() + "/" + t.partitions()).toList());
    }

    /**
     * A lag trigger on a consumer group nobody uses scales on nothing: each group must be one the service's code
     * declares, either as a listener id (its default group) or as {@code ${spring.application.name}-suffix}.
     */
    @Test
    void lagScalingWatchesConsumerGroupsTheServicesReallyUse() throws IOException {
        List<JsonNode> scaled = documents().stream().filter(d -> d.path("kind").asString().equals("ScaledObject")).toList();
        assertThat(scaled).isNotEmpty();
        for (JsonNode object : scaled) {
            String service = object.path("spec").path("scaleTargetRef").path("name").asString();
            find("Deployment", service);
            String source;
            try (Stream<Path> files = Files.walk(HOME.resolve(service).resolve("src/main/java"))) {
                source = files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                    try {
                        return Files.readString(f);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).reduce("", String::concat);
            }
            for (JsonNode trigger : object.path("spec").path("triggers")) {
                if (trigger.path("type").asString().equals("kafka")) {
                    String group = trigger.path("metadata").path("consumerGroup").asString();
                    String suffix = group.startsWith(service + "-") ? group.substring(service.length() + 1) : null;
                    assertThat(source.contains("groupId = \"${spring.application.name}-" + suffix + "\"")
                            || source.contains("id = \"" + group + "\"")).as(service + " consumer group " + group).isTrue();
                    assertThat(trigger.path("metadata").path("lagThreshold").asString()).as(group).isNotBlank();
                }
            }
        }
    }

    @Test
    void theKustomizationListsEveryBaseFileAndTheOverlaysPointAtTheBase() throws IOException {
        JsonNode kustomization = yaml.readTree(Files.readString(BASE.resolve("kustomization.yaml")));
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asString()));
        try (Stream<Path> files = Files.list(BASE)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList());
        }
        for (String overlay : List.of("local", "festival")) {
            JsonNode o = yaml.readTree(Files.readString(HOME.resolve("k8s/overlays").resolve(overlay).resolve("kustomization.yaml")));
            assertThat(o.path("resources").toString()).contains("../../base");
        }
    }

    private static JsonNode find(String kind, String name) throws IOException {
        return documents().stream()
                .filter(d -> d.path("kind").asString().equals(kind) && d.path("metadata").path("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in k8s/base"));
    }

    private static List<JsonNode> documents() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(BASE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).toList()) {
                try (var parser = yaml.createParser(Files.readString(file))) {
                    yaml.readValues(parser, JsonNode.class).readAll().stream()
                            .filter(d -> d != null && !d.isMissingNode() && !d.isNull()).forEach(documents::add);
                }
            }
        }
        return documents;
    }
}
