package io.singlesday.contracts.topics;

import java.util.Objects;

/**
 * A Kafka topic as the platform declares it. {@code key} names what the record key is, because ordering per
 * key is the guarantee consumers rely on. {@code compacted} topics keep only the latest value per key.
 */
public record Topic(String name, int partitions, String key, boolean compacted, String purpose) {

    public Topic {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
    }

    /** Where records that cannot be read go, with the reason in the headers. */
    public Topic deadLetter() {
        return new Topic(name + ".dlt", 1, key, false, "unreadable records of " + name);
    }

    public static String deadLetterName(String topicName) {
        return topicName + ".dlt";
    }
}
