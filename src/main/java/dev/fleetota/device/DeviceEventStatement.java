package dev.fleetota.device;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One guarded kind of device UPDATE ({@link DeviceEventApplier}), run set-based: one statement updates many device
 * rows from arrays ({@code UPDATE device SET … FROM unnest(…) AS e(e_id, e_t, …) WHERE device.id = e.e_id}), one
 * element per event. The SET clause reads the event's values as {@code e_t} (observation time) and {@code e_<name>}
 * for each declared parameter. A set-based UPDATE changes a row at most once per statement, so the rows of a batch
 * are split into rounds ({@link #rounds}): round r holds each device's r-th event of this kind, and the rounds run
 * in order, so every device sees its events of one kind in arrival order, one statement each, exactly as one by one.
 * A kind's rounds go to the database as one JDBC batch ({@link #run(JdbcTemplate, Map)}).
 */
final class DeviceEventStatement {

    /** One event's row: the device, the observation time and the declared parameters' values, in order. */
    record Row(String deviceId, Instant t, Object... values) {
    }

    private final String sql;

    private final int parameters;

    /**
     * @param set the SET clause, reading {@code e_t} and {@code e_<name>}
     * @param parameters each {@code "name type"} (type a PostgreSQL type name), in the order of {@link Row#values}
     */
    DeviceEventStatement(String set, String... parameters) {
        this.parameters = parameters.length;
        String casts = Arrays.stream(parameters).map(p -> ", ?::text[]::" + p.split(" ")[1] + "[]")
            .collect(Collectors.joining());
        String names = Arrays.stream(parameters).map(p -> ", e_" + p.split(" ")[0]).collect(Collectors.joining());
        this.sql = "UPDATE device SET " + set + " FROM unnest(?::text[], ?::text[]::timestamptz[]" + casts
                + ") AS e(e_id, e_t" + names + ") WHERE device.id = e.e_id";
    }

    String sql() {
        return sql;
    }

    /** Splits rows of this statement, in arrival order, into rounds in which each device appears at most once. */
    static List<List<Row>> rounds(List<Row> rows) {
        List<List<Row>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Row row : rows) {
            int round = seen.merge(row.deviceId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(row);
        }
        return rounds;
    }

    /**
     * Runs each statement for its rows, statements in the map's order, each one's rounds in order. A statement is one
     * JDBC batch (one round trip, one entry per round) of its own fixed SQL text: the driver caches one parsed query
     * per statement kind and connection, where one text per combination of kinds and rounds would fill its cache.
     */
    static void run(JdbcTemplate jdbc, Map<DeviceEventStatement, List<Row>> rowsByStatement) {
        rowsByStatement.forEach((statement, rows) -> jdbc.execute((Connection connection) -> {
            PreparedStatement ps = connection.prepareStatement(statement.sql);
            for (List<Row> round : rounds(rows)) {
                statement.bind(connection, ps, round);
                ps.addBatch();
            }
            return ps;
        }, PreparedStatement::executeBatch));
    }

    /** Binds one array per column: device ids, times, each parameter. */
    private void bind(Connection connection, PreparedStatement ps, List<Row> round) throws SQLException {
        int n = round.size();
        String[][] columns = new String[parameters + 2][n];
        for (int i = 0; i < n; i++) {
            Row row = round.get(i);
            columns[0][i] = row.deviceId();
            columns[1][i] = row.t().toString();
            for (int p = 0; p < parameters; p++) {
                Object value = row.values()[p];
                columns[p + 2][i] = value == null ? null : value.toString();
            }
        }
        for (int c = 0; c < columns.length; c++) {
            ps.setArray(c + 1, connection.createArrayOf("text", columns[c]));
        }
    }

}
