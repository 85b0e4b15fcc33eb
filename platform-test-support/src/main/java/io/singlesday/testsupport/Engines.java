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
}
