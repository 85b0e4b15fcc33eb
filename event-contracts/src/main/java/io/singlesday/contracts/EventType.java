package io.singlesday.contracts;

import io.singlesday.contracts.topics.Topic;

/**
 * One version of one event: its name (past tense), the record that carries it, the topic it travels on and
 * the JSON Schema that describes its payload for non-Java consumers.
 */
public record EventType<T>(String name, int version, Class<T> payloadClass, Topic topic) {

    public String schemaResource() {
        return "/schemas/" + name + ".v" + version + ".schema.json";
    }

    public String key() {
        return name + "@v" + version;
    }
}
