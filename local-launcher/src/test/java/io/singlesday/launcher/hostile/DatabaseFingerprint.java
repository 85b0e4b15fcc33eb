package io.singlesday.launcher.hostile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Row count and content hash of every table in every service's database, so a test can show that a stretch of
 * refused requests wrote nothing anywhere. Tables the platform writes on its own clock are left out.
 */
final class DatabaseFingerprint {

    /** Written by relays, consumers and once-a-second tasks whatever callers do. */
    private static final Set<String> BACKGROUND = Set.of("flyway_schema_history", "outbox_events", "processed_events",
            "audience_shares");

    private DatabaseFingerprint() {
    }

    /** Database name to JDBC URL; the local stack's user and password are the database's name. */
    static Map<String, String> take(List<String> databases, Function<String, String> jdbcUrl) {
        Map<String, String> tables = new TreeMap<>();
        for (String database : databases) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl.apply(database), database, database);
                 Statement sql = connection.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rows = sql.executeQuery(
                        "select table_schema || '.' || table_name from information_schema.tables "
                                + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                for (String table : names) {
                    if (BACKGROUND.contains(table.substring(table.indexOf('.') + 1))) {
                        continue;
                    }
                    try (ResultSet row = sql.executeQuery("select count(*) || ' rows, ' || coalesce(md5(string_agg(h, '' "
                            + "order by h)), '-') from (select md5(t::text) h from " + table + " t) x")) {
                        row.next();
                        tables.put(database + "." + table, row.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read database " + database + ": " + e.getMessage(), e);
            }
        }
        return tables;
    }

    /** The tables whose rows differ, each with its before and after. */
    static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        for (String table : after.keySet()) {
            if (!after.get(table).equals(before.get(table))) {
                changed.add(table + ": " + before.get(table) + " -> " + after.get(table));
            }
        }
        before.keySet().stream().filter(t -> !after.containsKey(t)).forEach(t -> changed.add(t + ": gone"));
        return changed;
    }
}
