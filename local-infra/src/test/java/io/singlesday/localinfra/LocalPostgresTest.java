package io.singlesday.localinfra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster the local platform keeps its data in commits durably: an acknowledged order survives a crash of
 * PostgreSQL or of the machine. Only a throwaway cluster (tests, nothing to keep) trades that for speed.
 */
class LocalPostgresTest {

    @Test
    void aKeptClusterFlushesEveryCommitAndAThrowawayOneDoesNot(@TempDir Path data) throws Exception {
        LocalPostgres kept = LocalPostgres.start(data.resolve("postgres"), 0);
        try {
            assertThat(setting(kept, "fsync")).isEqualTo("on");
            assertThat(setting(kept, "synchronous_commit")).isEqualTo("on");
        } finally {
            kept.close();
        }
        LocalPostgres throwaway = LocalPostgres.start(null, 0);
        try {
            assertThat(setting(throwaway, "synchronous_commit")).isEqualTo("off");
        } finally {
            throwaway.close();
        }
    }

    private static String setting(LocalPostgres postgres, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
