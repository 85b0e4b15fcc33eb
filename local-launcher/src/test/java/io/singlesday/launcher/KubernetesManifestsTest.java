package io.singlesday.launcher;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.singlesday.contracts.topics.Topics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.singlesday.launcher.Manifests.HOME;
import static io.singlesday.launcher.Manifests.K8S;
import static io.singlesday.launcher.Manifests.find;
import static io.singlesday.launcher.Manifests.ofKind;
import static io.singlesday.launcher.Manifests.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * No cluster runs here, so k8s/ is held to the official Kubernetes models (a typo in a field, a wrong type or a
 * removed API version fails), to the operators' published CRD schemas (k8s/operator-schemas) and to the platform
 * itself: ports, probes, variables, databases, topics, pool sizes and the restricted Pod Security level, both as
 * written and as kustomize renders each overlay.
 */
class KubernetesManifestsTest {

    private static final OperatorSchemas schemas = OperatorSchemas.load(K8S.resolve("operator-schemas"));

    /** Core kinds, each with the only API version the platform uses and the model that parses it strictly. */
    private static final Map<String, Model> CORE = Map.of(
            "Namespace", new Model("v1", V1Namespace::fromJson),
            "ConfigMap", new Model("v1", V1ConfigMap::fromJson),
            "Deployment", new Model("apps/v1", V1Deployment::fromJson),
            "Service", new Model("v1", V1Service::fromJson),
            "PodDisruptionBudget", new Model("policy/v1", V1PodDisruptionBudget::fromJson),
            "HorizontalPodAutoscaler", new Model("autoscaling/v2", V2HorizontalPodAutoscaler::fromJson),
            "Ingress", new Model("networking.k8s.io/v1", V1Ingress::fromJson),
            "NetworkPolicy", new Model("networking.k8s.io/v1", V1NetworkPolicy::fromJson));

    /** What a small cluster needs installed: Strimzi and CloudNativePG, nothing else. */
    private static final Set<String> LOCAL_OPERATED = Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "Database", "Pooler");

    private record Model(String apiVersion, Parser parser) {
    }

    private interface Parser {
        Object parse(String json) throws IOException;
    }

    @Test
    void everyWrittenDocumentParsesStrictlyOrConformsToItsOperatorsSchemaAndNoSecretIsCommitted() {
        List<JsonNode> documents = Manifests.written();
        assertThat(documents).hasSizeGreaterThan(30);
        documents.forEach(KubernetesManifestsTest::conforms);
    }

    @Test
    void everyRenderedOverlayConformsToo() {
        for (String overlay : renderable()) {
            List<JsonNode> documents = Manifests.rendered(overlay);
            assertThat(documents).as(overlay).hasSizeGreaterThan(30);
            documents.forEach(KubernetesManifestsTest::conforms);
        }
    }

    private static void conforms(JsonNode doc) {
        String kind = doc.path("kind").asString();
        assertThat(kind).as(where(doc)).isNotEqualTo("Secret");
        if (CORE.containsKey(kind)) {
            assertThat(doc.path("apiVersion").asString()).as(where(doc)).isEqualTo(CORE.get(kind).apiVersion());
            assertThatCode(() -> CORE.get(kind).parser().parse(doc.toString())).as(where(doc)).doesNotThrowAnyException();
        } else {
            assertThat(schemas.schemaOf(doc)).as("a CRD schema for %s %s (%s)", doc.path("apiVersion").asString(), where(doc),
                    "k8s/operator-schemas knows " + schemas.known()).isPresent();
            assertThat(schemas.violations(doc)).as(where(doc)).isEmpty();
        }
    }

    @Test
    void theModelsAndTheSchemasRejectWhatAnOperatorWouldNotTake() {
        String typo = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":{\"replicas\":1,\"selectr\":{},\"template\":{}}}";
        assertThatCode(() -> V1Deployment.fromJson(typo)).isInstanceOf(IllegalArgumentException.class);

        List<JsonNode> written = Manifests.written();
        ObjectNode kafka = (ObjectNode) find(written, "Kafka", "singlesday").deepCopy();
        assertThat(schemas.violations(kafka)).isEmpty();
        ObjectNode misspelt = kafka.deepCopy();
        ((ObjectNode) misspelt.path("spec").path("kafka")).set("listners", misspelt.path("spec").path("kafka").path("listeners"));
        assertThat(schemas.violations(misspelt)).as("an unknown field").isNotEmpty();
        ObjectNode removedVersion = kafka.deepCopy().put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertThat(schemas.schemaOf(removedVersion)).as("Strimzi 1.x serves v1 only").isEmpty();

        ObjectNode topic = (ObjectNode) ofKind(written, "KafkaTopic").getFirst().deepCopy();
        ((ObjectNode) topic.path("spec")).put("partitions", "twelve");
        assertThat(schemas.violations(topic)).as("a wrong type").isNotEmpty();

        ObjectNode pooler = (ObjectNode) ofKind(written, "Pooler").getFirst().deepCopy();
        ((ObjectNode) pooler.path("spec").path("pgbouncer")).put("poolMode", "statement");
        assertThat(schemas.violations(pooler)).as("a value outside the enum").isNotEmpty();

        ObjectNode podMonitor = (ObjectNode) ofKind(written, "PodMonitor").getFirst().deepCopy();
        ((ObjectNode) podMonitor.path("spec")).remove("selector");
        assertThat(schemas.violations(podMonitor)).as("a missing required field").isNotEmpty();
    }

    @Test
    void everyServiceRunsWithTheSamePortProbesAndVariablesAsItsConfiguration() throws IOException {
        List<JsonNode> written = Manifests.written();
        String platformDefaults = Files.readString(HOME.resolve("platform-common/src/main/resources/festival-platform-defaults.yml"));
        List<ServiceSpec> all = new ArrayList<>(ServiceSpec.SERVICES);
        all.add(ServiceSpec.GATEWAY);
        for (ServiceSpec spec : all) {
            JsonNode deployment = find(written, "Deployment", spec.module());
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as(spec.module()).isEqualTo(spec.defaultPort());
            assertThat(container.path("ports").get(0).path("name").asString()).as("the port the PodMonitor scrapes").isEqualTo("http");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/liveness");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/readiness");
            assertThat(container.path("resources").path("requests").has("memory")).isTrue();
            String configuration = platformDefaults + Files.readString(HOME.resolve(spec.module()).resolve("src/main/resources/application.yml"));
            List<String> variables = new ArrayList<>();
            container.path("env").forEach(env -> variables.add(env.path("name").asString()));
            for (JsonNode from : container.path("envFrom")) {
                String map = from.path("configMapRef").path("name").asString();
                find(written, "ConfigMap", map).path("data").propertyNames().forEach(variables::add);
            }
            // Components add keys to the shared maps: each must be read wherever the map is taken.
            for (JsonNode map : ofKind(written, "ConfigMap")) {
                boolean taken = container.path("envFrom").toString().contains("\"" + map.path("metadata").path("name").asString() + "\"");
                if (taken) {
                    componentKeys(map.path("metadata").path("name").asString()).forEach(variables::add);
                }
            }
            assertThat(variables).as(spec.module()).contains("LOG_FORMAT", "TRACING_EXPORT");
            for (String name : variables) {
                assertThat(configuration).as("%s is given %s, which it must read", spec.module(), name).contains("${" + name + ":");
            }
            for (JsonNode env : container.path("env")) {
                String name = env.path("name").asString();
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
            assertThat(find(written, "Service", spec.module()).path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(spec.defaultPort());
            find(written, "PodDisruptionBudget", spec.module());
            if (!spec.isGateway()) {
                find(written, "Database", spec.database());
                assertThat(container.path("envFrom").toString()).as(spec.module() + " takes the Kafka settings").contains("singlesday-kafka");
            }
        }
    }

    /** Keys a component's JSON patch adds to a shared ConfigMap. */
    private static List<String> componentKeys(String configMap) {
        List<String> keys = new ArrayList<>();
        for (Path component : Manifests.components()) {
            for (JsonNode patch : Manifests.kustomization(component).path("patches")) {
                if (patch.path("target").path("name").asString().equals(configMap)) {
                    Matcher m = Pattern.compile("path: /data/([A-Z_]+)").matcher(patch.path("patch").asString());
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                }
            }
        }
        return keys;
    }

    @Test
    void kafkaTopicsAreExactlyTheRegistry() {
        List<String> declared = ofKind(Manifests.written(), "KafkaTopic").stream()
                .map(d -> d.path("spec").path("topicName").asString() + "/" + d.path("spec").path("partitions").asInt())
                .toList();
        assertThat(declared).containsExactlyInAnyOrderElementsOf(
                Topics.allWithDeadLetters().stream().map(t -> t.name() + "/" + t.partitions()).toList());
    }

    /** Every replication the overlay asks for can be placed on its Kafka nodes, Kafka Streams' own topics included. */
    @Test
    void eachOverlaysReplicationFitsItsKafkaNodes() {
        for (String overlay : renderable()) {
            List<JsonNode> docs = Manifests.rendered(overlay);
            int brokers = ofKind(docs, "KafkaNodePool").stream().filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                    .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
            JsonNode config = find(docs, "Kafka", "singlesday").path("spec").path("kafka").path("config");
            for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
                assertThat(config.path(key).asInt()).as(overlay + " " + key).isBetween(1, brokers);
            }
            assertThat(config.path("min.insync.replicas").asInt()).as(overlay).isLessThanOrEqualTo(config.path("default.replication.factor").asInt());
            for (JsonNode topic : ofKind(docs, "KafkaTopic")) {
                assertThat(topic.path("spec").path("replicas").asInt()).as(overlay + " " + where(topic)).isBetween(1, brokers);
            }
            int streams = find(docs, "ConfigMap", "singlesday-kafka").path("data").path("KAFKA_TOPIC_REPLICATION").asInt();
            assertThat(streams).as(overlay + " internal topics' replication").isBetween(1, brokers);
        }
    }

    /**
     * PgBouncer's client side must take every connection every pod may open at the autoscalers' maximum, and its
     * server side (instances x default_pool_size per database) must fit below max_connections with room for the
     * operator, replication and superusers.
     */
    @Test
    void connectionPoolsAddUpAtEveryOverlaysMaximumScale() throws IOException {
        Matcher defaultPool = Pattern.compile("\\$\\{DB_POOL_SIZE:(\\d+)}").matcher(
                Files.readString(HOME.resolve("platform-common/src/main/resources/festival-platform-defaults.yml")));
        assertThat(defaultPool.find()).isTrue();
        int defaultPoolSize = Integer.parseInt(defaultPool.group(1));
        for (String overlay : renderable()) {
            List<JsonNode> docs = Manifests.rendered(overlay);
            JsonNode pooler = ofKind(docs, "Pooler").getFirst().path("spec");
            String poolerService = ofKind(docs, "Pooler").getFirst().path("metadata").path("name").asString();
            int poolers = pooler.path("instances").asInt();
            int clientLimit = pooler.path("pgbouncer").path("parameters").path("max_client_conn").asInt();
            int perDatabase = pooler.path("pgbouncer").path("parameters").path("default_pool_size").asInt();
            int maxConnections = find(docs, "Cluster", "singlesday-postgres").path("spec").path("postgresql").path("parameters")
                    .path("max_connections").asInt();
            int clients = 0;
            for (JsonNode deployment : ofKind(docs, "Deployment")) {
                JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
                String url = null;
                int poolSize = defaultPoolSize;
                for (JsonNode env : container.path("env")) {
                    if (env.path("name").asString().equals("DB_URL")) {
                        url = env.path("value").asString();
                    }
                    if (env.path("name").asString().equals("DB_POOL_SIZE")) {
                        poolSize = env.path("value").asInt();
                    }
                }
                if (url != null) {
                    assertThat(url).as(overlay + " " + where(deployment) + " goes through the pooler").contains("//" + poolerService + ":5432/");
                    clients += maxReplicas(docs, deployment) * poolSize;
                }
            }
            int databases = ofKind(docs, "Database").size();
            assertThat(clients).as(overlay + ": pods' connections at full scale against the poolers' client limit")
                    .isPositive().isLessThanOrEqualTo(poolers * clientLimit);
            assertThat(poolers * perDatabase * databases + 30).as(overlay + ": server connections plus room against max_connections")
                    .isLessThanOrEqualTo(maxConnections);
        }
    }

    private static int maxReplicas(List<JsonNode> docs, JsonNode deployment) {
        String name = deployment.path("metadata").path("name").asString();
        List<Integer> bounds = new ArrayList<>();
        ofKind(docs, "HorizontalPodAutoscaler").stream().filter(h -> h.path("spec").path("scaleTargetRef").path("name").asString().equals(name))
                .forEach(h -> bounds.add(h.path("spec").path("maxReplicas").asInt()));
        ofKind(docs, "ScaledObject").stream().filter(s -> s.path("spec").path("scaleTargetRef").path("name").asString().equals(name))
                .forEach(s -> bounds.add(s.path("spec").path("maxReplicaCount").asInt()));
        assertThat(bounds).as("at most one autoscaler owns " + name).hasSizeLessThanOrEqualTo(1);
        return bounds.isEmpty() ? deployment.path("spec").path("replicas").asInt(1) : bounds.getFirst();
    }

    /** The namespace enforces the restricted level, so every pod the platform or Strimzi creates must meet it. */
    @Test
    void everyPodMeetsTheRestrictedPodSecurityLevel() {
        List<JsonNode> written = Manifests.written();
        assertThat(find(written, "Namespace", "singlesday").path("metadata").path("labels")
                .path("pod-security.kubernetes.io/enforce").asString()).isEqualTo("restricted");
        for (JsonNode deployment : ofKind(written, "Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            restrictedPod(where(deployment), pod.path("securityContext"));
            pod.path("containers").forEach(c -> restrictedContainer(where(deployment), c.path("securityContext"), pod.path("securityContext")));
        }
        for (JsonNode pool : ofKind(written, "KafkaNodePool")) {
            JsonNode template = pool.path("spec").path("template");
            restrictedPod(where(pool), template.path("pod").path("securityContext"));
            restrictedContainer(where(pool), template.path("kafkaContainer").path("securityContext"), template.path("pod").path("securityContext"));
        }
        JsonNode entity = find(written, "Kafka", "singlesday").path("spec").path("entityOperator").path("template");
        restrictedPod("entity operator", entity.path("pod").path("securityContext"));
        restrictedContainer("topic operator", entity.path("topicOperatorContainer").path("securityContext"), entity.path("pod").path("securityContext"));
    }

    private static void restrictedPod(String where, JsonNode context) {
        assertThat(context.path("runAsNonRoot").asBoolean(false)).as(where + " runs as non-root").isTrue();
        assertThat(context.path("seccompProfile").path("type").asString()).as(where + " seccomp").isEqualTo("RuntimeDefault");
    }

    private static void restrictedContainer(String where, JsonNode context, JsonNode pod) {
        assertThat(context.path("allowPrivilegeEscalation").asBoolean(true)).as(where + " privilege escalation").isFalse();
        assertThat(context.path("capabilities").path("drop").toString()).as(where + " capabilities").contains("\"ALL\"");
        assertThat(context.path("runAsNonRoot").asBoolean(pod.path("runAsNonRoot").asBoolean(false))).as(where).isTrue();
    }

    /** Images a local cluster can be given (kind load, minikube image load): a fixed tag, pulled only if absent. */
    @Test
    void imagesHaveAFixedTagAndAPullPolicyFitForLocalClusters() throws IOException {
        Matcher version = Pattern.compile("<artifactId>singlesday-platform</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(HOME.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        String tag = version.group(1).replace("-SNAPSHOT", "");
        for (JsonNode deployment : ofKind(Manifests.written(), "Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                String image = container.path("image").asString();
                assertThat(image).as(where(deployment)).matches(".+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
                assertThat(container.path("imagePullPolicy").asString()).as(where(deployment)).isEqualTo("IfNotPresent");
                if (image.startsWith("singlesday/")) {
                    assertThat(image).as(where(deployment) + " is tagged with the build's version").endsWith(":" + tag);
                }
            }
        }
    }

    /** The small cluster needs only Strimzi and CloudNativePG; festival scale brings KEDA, monitors and traces. */
    @Test
    void theLocalOverlayNeedsTwoOperatorsAndTheFestivalOneScalesObservesAndTraces() {
        renderable();
        List<JsonNode> local = Manifests.rendered("local");
        local.stream().map(d -> d.path("kind").asString()).filter(k -> !CORE.containsKey(k))
                .forEach(k -> assertThat(LOCAL_OPERATED).as("the local overlay needs no operator for " + k).contains(k));
        assertThat(gatewayEnv(local)).as("the demo cluster mints tokens").contains("DEV_TOKENS_PRIVATE_KEY_LOCATION");
        ofKind(local, "Deployment").forEach(d -> assertThat(d.path("spec").path("replicas").asInt()).as(where(d)).isEqualTo(1));

        List<JsonNode> festival = Manifests.rendered("festival");
        assertThat(gatewayEnv(festival)).as("no dev tokens at festival scale").doesNotContain("DEV_TOKENS_PRIVATE_KEY_LOCATION");
        assertThat(ofKind(festival, "ScaledObject")).isNotEmpty();
        ofKind(festival, "Deployment").forEach(d -> maxReplicas(festival, d));
        JsonNode observability = find(festival, "ConfigMap", "singlesday-observability").path("data");
        assertThat(observability.path("TRACING_EXPORT").asString()).isEqualTo("true");
        String endpoint = observability.path("TRACING_ZIPKIN_ENDPOINT").asString();
        Matcher hostPort = Pattern.compile("http://([a-z-]+):(\\d+)/api/v2/spans").matcher(endpoint);
        assertThat(hostPort.matches()).as(endpoint).isTrue();
        assertThat(find(festival, "Service", hostPort.group(1)).path("spec").path("ports").toString())
                .as("the spans' endpoint is a Service of the overlay").contains("\"port\":" + hostPort.group(2));
        for (JsonNode monitor : ofKind(festival, "PodMonitor")) {
            assertThat(monitor.path("spec").path("podMetricsEndpoints")).as(where(monitor)).isNotEmpty();
        }
        JsonNode services = find(festival, "PodMonitor", "singlesday-services").path("spec");
        ofKind(festival, "Deployment").stream()
                .filter(d -> d.path("spec").path("template").path("metadata").path("labels").path("app.kubernetes.io/part-of").asString().equals("singlesday"))
                .forEach(d -> assertThat(d.path("spec").path("template").path("spec").path("containers").get(0).path("ports").toString())
                        .as(where(d) + " has the port the PodMonitor scrapes")
                        .contains("\"name\":\"" + services.path("podMetricsEndpoints").get(0).path("port").asString() + "\""));
    }

    private static String gatewayEnv(List<JsonNode> docs) {
        return find(docs, "Deployment", "gateway").path("spec").path("template").path("spec").path("containers").get(0).path("env").toString();
    }

    /**
     * A lag trigger on a consumer group nobody uses scales on nothing: each group must be one the service's code
     * declares, either as a listener id (its default group) or as {@code ${spring.application.name}-suffix}.
     */
    @Test
    void lagScalingWatchesConsumerGroupsTheServicesReallyUse() throws IOException {
        List<JsonNode> written = Manifests.written();
        List<JsonNode> scaled = ofKind(written, "ScaledObject");
        assertThat(scaled).isNotEmpty();
        for (JsonNode object : scaled) {
            String service = object.path("spec").path("scaleTargetRef").path("name").asString();
            find(written, "Deployment", service);
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
    void theKustomizationsListEveryFileAndEveryComponentIsUsed() throws IOException {
        Map<Path, List<String>> listed = new HashMap<>();
        for (Path dir : Manifests.resourceDirectories()) {
            List<String> resources = new ArrayList<>();
            Manifests.kustomization(dir).path("resources").forEach(r -> resources.add(r.asString()));
            listed.put(dir, resources);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(resources).as(dir.toString()).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList());
            }
        }
        List<String> used = new ArrayList<>();
        for (String overlay : Manifests.OVERLAYS) {
            JsonNode o = Manifests.kustomization(K8S.resolve("overlays").resolve(overlay));
            assertThat(o.path("resources").toString()).contains("../../base");
            o.path("components").forEach(c -> used.add(Path.of(c.asString()).getFileName().toString()));
        }
        assertThat(used).containsAll(Manifests.components().stream().map(c -> c.getFileName().toString()).toList());
    }

    /**
     * The overlays are rendered by kustomize itself (kubectl kustomize), not by an imitation of it. kubectl comes from
     * neither Maven Central nor Debian's bookworm packages, so a developer's machine may lack it: there these checks are
     * skipped and say why, while every written document is still validated above. CI sets FESTIVAL_REQUIRE_KUBECTL,
     * so there a missing kubectl fails the build instead of skipping silently.
     */
    private static List<String> renderable() {
        boolean present = Manifests.kubectl().isPresent();
        if (!present && System.getenv("FESTIVAL_REQUIRE_KUBECTL") != null) {
            throw new AssertionError("FESTIVAL_REQUIRE_KUBECTL is set but kubectl is not on the PATH: the overlays cannot be rendered");
        }
        Assumptions.assumeTrue(present, "kubectl is not on the PATH, so the overlays are not rendered here "
                + "(the written documents are still validated); install kubectl to run these checks");
        return Manifests.OVERLAYS;
    }
}
