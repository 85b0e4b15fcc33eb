package io.singlesday.testsupport;

import io.singlesday.localinfra.SigningKey;

/** A real Kafka and a real PostgreSQL for this test JVM, wherever they run. */
public interface Engines {

    String kafkaBootstrapServers();

    /** Creates the database and its owner if needed; the user and password are the database's name. */
    void ensureDatabase(String database);

    String jdbcUrl(String database);

    SigningKey signingKey();

    String description();

    /**
     * Stops the Kafka broker and starts it again on the same address with the same data, as a broker restart
     * in production would; clients see a short outage. Only the embedded broker can: a container's address
     * would change.
     */
    default void restartKafka() {
        throw new UnsupportedOperationException("restarting Kafka needs the embedded engines");
    }

    default boolean canRestartKafka() {
        return false;
    }
}
