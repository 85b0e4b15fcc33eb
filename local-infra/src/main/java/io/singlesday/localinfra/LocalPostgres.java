package io.singlesday.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server from the binaries on the classpath. With a data directory it keeps its data between
 * runs; each service gets its own database and its own user, as it would on a shared server in production.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on {@code port} (0 picks a free one); {@code dataDir} null means a throwaway cluster. */
    public static LocalPostgres start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(FreePorts.pick(port))
                    .setServerConfig("max_connections", "300")
                    // A kept cluster is durable: a commit the platform acknowledged survives a crash of PostgreSQL or
                    // the machine (group commit shares one flush among concurrent commits, so this costs latency
                    // in the order of a tenth of a millisecond, not throughput). A throwaway cluster (tests) has
                    // nothing to keep.
                    .setServerConfig("fsync", dataDir == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDir == null ? "off" : "on")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60));
            if (dataDir != null) {
                // Statements per checkout are what the throughput benchmark reads (load-tester/bench); utility
                // statements (BEGIN, COMMIT, SET) are counted as commits there instead.
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track_utility", "off");
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            LocalPostgres started = new LocalPostgres(builder.start());
            if (dataDir != null) {
                started.adminExecute("create extension if not exists pg_stat_statements");
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the user and the database it owns, unless they exist. The password is the user's name locally. */
    public void ensureDatabase(String database, String user, String password) {
        if (!IDENTIFIER.matcher(database).matches() || !IDENTIFIER.matcher(user).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + database + " / " + user);
        }
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            if (!exists(admin, "select 1 from pg_roles where rolname = ?", user)) {
                sql.execute("create role " + user + " login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(admin, "select 1 from pg_database where datname = ?", database)) {
                sql.execute("create database " + database + " owner " + user);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void adminExecute(String statement) {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + statement, e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
