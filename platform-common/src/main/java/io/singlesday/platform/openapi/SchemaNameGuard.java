package io.singlesday.platform.openapi;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses to document two of the platform's types under one schema name. springdoc names a schema after the simple
 * class name and silently keeps one of two records called {@code Line}, so a generated client reads an order's lines
 * with the checkout request's fields and drops the prices. Here the second type fails the document instead, naming
 * both (once the document is built, {@link #refuseClashes()}); give one of them {@code @Schema(name = ...)}. Every service's contract test reads its document, so the build
 * fails where the clash is introduced.
 */
public class SchemaNameGuard implements ModelConverter {

    private static final String OURS = "io.singlesday.";

    private final Map<String, Class<?>> owners = new ConcurrentHashMap<>();
    private final Set<String> clashes = ConcurrentHashMap.newKeySet();

    /**
     * Fails the document being built if any clash was seen. springdoc treats an exception inside a converter as
     * "graceful" and documents on, so the clash is raised here, once the document is complete.
     */
    public void refuseClashes() {
        if (!clashes.isEmpty()) {
            throw new IllegalStateException(String.join("; ", new TreeSet<>(clashes)));
        }
    }

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (type.getType() != null) {
            JavaType java = Json.mapper().constructType(type.getType());
            Class<?> raw = java.getRawClass();
            if (raw.getName().startsWith(OURS) && !raw.isEnum() && !java.isContainerType()) {
                // The name the resolver further down the chain will give it, @Schema(name) included.
                String name = TypeNameResolver.std.nameForType(java);
                Class<?> first = owners.putIfAbsent(name, raw);
                if (first != null && first != raw) {
                    clashes.add("schema name " + name + " is used by both " + first.getName() + " and " + raw.getName()
                            + "; give one @Schema(name = ...)");
                }
            }
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
