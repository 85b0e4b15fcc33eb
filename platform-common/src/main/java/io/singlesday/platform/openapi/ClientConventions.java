package io.singlesday.platform.openapi;

import io.singlesday.platform.idempotency.IdempotencyFilter;
import io.singlesday.platform.web.ProblemType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What makes a client generated from any service's document read well and need nothing added by hand, applied to
 * every document in one place: API groups named for what they serve (not "cart-controller"), the Idempotency-Key
 * every write accepts (required where the server refuses a write without one), a type on every response header, the
 * next page's Link on a list paged by key,
 * event streams as text rather than Spring's {@code SseEmitter}, and each operation's own {@link Refusal}s. It also
 * refuses, as {@link SchemaNameGuard} does for schemas, a document whose operation ids a client could not read: one
 * springdoc had to number ({@code list_1}) or a bare verb ({@code put}), naming the handler to give an
 * {@code @Operation(operationId)}.
 */
final class ClientConventions {

    static final String IDEMPOTENCY_REPLAYED = "Idempotency-Replayed";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final Pattern NUMBERED = Pattern.compile(".*_\\d+$");
    /** Names that say nothing once several groups share one client. */
    static final Set<String> BARE_VERBS = Set.of("get", "put", "set", "one", "list", "remove", "current", "change",
            "create", "update", "delete");

    private ClientConventions() {
    }

    /** springdoc's default group of a controller is its kebab-case class name; a client names its API class after it. */
    static void readableTags(OpenAPI api) {
        Map<String, String> renamed = new LinkedHashMap<>();
        operations(api).forEach((path, method, operation) -> {
            if (operation.getTags() != null) {
                operation.setTags(operation.getTags().stream().map(tag -> renamed.computeIfAbsent(tag, ClientConventions::readable))
                        .toList());
            }
        });
        List<Tag> tags = api.getTags() == null ? new ArrayList<>() : new ArrayList<>(api.getTags());
        tags.forEach(tag -> tag.setName(renamed.getOrDefault(tag.getName(), readable(tag.getName()))));
        Set<String> declared = tags.stream().map(Tag::getName).collect(Collectors.toSet());
        renamed.values().stream().filter(name -> !declared.contains(name)).distinct().sorted()
                .forEach(name -> tags.add(new Tag().name(name)));
        api.setTags(tags);
    }

    static String readable(String tag) {
        if (!tag.equals(tag.toLowerCase(Locale.ROOT)) || tag.contains(" ")) {
            return tag;
        }
        String words = tag.endsWith("-controller") ? tag.substring(0, tag.length() - "-controller".length()) : tag;
        return Arrays.stream(words.split("-")).filter(w -> !w.isEmpty())
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining(" "));
    }

    /**
     * Every write takes an Idempotency-Key (the idempotency filter or the handler keeps it); it is required exactly
     * where a write without one is refused. A replayed answer says so in Idempotency-Replayed.
     */
    static void idempotencyKeys(OpenAPI api, List<String> requiredPaths) {
        AntPathMatcher paths = new AntPathMatcher();
        operations(api).forEach((path, method, operation) -> {
            if (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD) {
                return;
            }
            boolean required = requiredPaths.stream().anyMatch(pattern -> paths.match(pattern, path));
            Parameter key = operation.getParameters() == null ? null : operation.getParameters().stream()
                    .filter(p -> "header".equals(p.getIn()) && IdempotencyFilter.HEADER.equalsIgnoreCase(p.getName()))
                    .findFirst().orElse(null);
            if (key == null) {
                key = new HeaderParameter().name(IdempotencyFilter.HEADER).schema(new StringSchema());
                operation.addParametersItem(key);
            }
            if (key.getDescription() == null) {
                key.setDescription("Any unique value (1 to 200 visible ASCII characters), the same on every retry of this "
                        + "write: a retry then gets the first answer instead of doing it twice");
            }
            if (key.getSchema() == null) {
                key.setSchema(new StringSchema());
            }
            key.getSchema().setMinLength(1);
            key.getSchema().setMaxLength(200);
            key.getSchema().setPattern("^[\\x21-\\x7e]+$");
            if (required) {
                key.setRequired(true);
            }
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2") && (response.getHeaders() == null
                            || !response.getHeaders().containsKey(IDEMPOTENCY_REPLAYED))) {
                        response.addHeaderObject(IDEMPOTENCY_REPLAYED, new Header().schema(new StringSchema()._enum(List.of("true", "false")))
                                .description("true when this answers an earlier request with the same Idempotency-Key"));
                    }
                });
            }
        });
    }

    /** A header documented without a type makes generators fail or guess; the platform's headers are text. */
    static void typedHeaders(OpenAPI api) {
        operations(api).forEach((path, method, operation) -> {
            if (operation.getResponses() != null) {
                operation.getResponses().values().stream().filter(r -> r.getHeaders() != null)
                        .flatMap(r -> r.getHeaders().values().stream())
                        .filter(h -> h.get$ref() == null && h.getSchema() == null)
                        .forEach(h -> h.setSchema(new StringSchema()));
            }
        });
    }

    /** A list paged by key ({@code after}) says where its next page is, as every paged list does (KeysetPage). */
    static void pageLinks(OpenAPI api) {
        operations(api).forEach((path, method, operation) -> {
            boolean paged = operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> "query".equals(p.getIn()) && "after".equals(p.getName()));
            ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
            if (paged && ok != null && (ok.getHeaders() == null || !ok.getHeaders().containsKey("Link"))) {
                ok.addHeaderObject("Link", new Header().schema(new StringSchema()).description(
                        "<the same request with after=next>; rel=\"next\" (RFC 8288), absent on the last page"));
            }
        });
    }

    /** A server-sent-event stream is text to a client; Spring's emitter type is not the payload. */
    static void eventStreams(OpenAPI api) {
        operations(api).forEach((path, method, operation) -> {
            if (operation.getResponses() == null) {
                return;
            }
            operation.getResponses().values().stream().filter(r -> r.getContent() != null)
                    .map(r -> r.getContent().get(EVENT_STREAM)).filter(m -> m != null)
                    .forEach(m -> m.setSchema(new StringSchema().description("Server-sent events (text/event-stream), "
                            + "each an event name and a JSON data line; reconnect with Last-Event-ID where offered")));
        });
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().remove("SseEmitter");
        }
    }

    /** The operation's own refusals, next to the shared ones. */
    static void refusals(Operation operation, HandlerMethod handler) {
        Refusal[] refusals = handler.getMethod().getAnnotationsByType(Refusal.class);
        if (refusals.length == 0) {
            return;
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        Map<Integer, List<Refusal>> byStatus = Arrays.stream(refusals)
                .collect(Collectors.groupingBy(Refusal::status, java.util.TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, same) -> {
            String description = same.stream().map(r -> {
                ProblemType type = r.type() == ProblemType.OTHER ? ProblemType.ofStatus(status) : r.type();
                return r.when() + " (type " + type.uri() + ")";
            }).collect(Collectors.joining("; "));
            responses.addApiResponse(String.valueOf(status), new ApiResponse().description(description)
                    .content(new Content().addMediaType("application/problem+json", new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + OpenApiAutoConfiguration.PROBLEM)))));
        });
    }

    /** Fails the document when an operation id is one a client cannot read, naming every such operation. */
    static void refuseUnreadableOperationIds(OpenAPI api) {
        Set<String> unreadable = new TreeSet<>();
        operations(api).forEach((path, method, operation) -> {
            String id = operation.getOperationId();
            if (id == null || NUMBERED.matcher(id).matches() || BARE_VERBS.contains(id)) {
                unreadable.add(method + " " + path + " has operation id " + id);
            }
        });
        if (!unreadable.isEmpty()) {
            throw new IllegalStateException(String.join("; ", unreadable)
                    + "; give each handler @Operation(operationId = ...) naming what it does");
        }
    }

    interface OperationVisitor {
        void visit(String path, PathItem.HttpMethod method, Operation operation);
    }

    static Operations operations(OpenAPI api) {
        return visitor -> {
            if (api.getPaths() != null) {
                api.getPaths().forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> visitor.visit(path, method, operation)));
            }
        };
    }

    interface Operations {
        void forEach(OperationVisitor visitor);
    }
}
