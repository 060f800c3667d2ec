import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Snapshots of every table of the service's database (row count, order-independent checksum of the rows, max id),
 * through one long-lived {@code psql} process, so "nothing was written by a refused request" is a map comparison.
 *
 * <p>Not compared, on purpose (see docs/benchmarks.md, "Fuzz"): {@link #SKIPPED_TABLES} (infrastructure written on a
 * timer, not by requests), the {@link #SKIPPED_COLUMNS} (bookkeeping of a successful authentication), and audit
 * entries with outcome {@code REJECTED} (the audit trail of refused requests is the one write a refusal makes).
 */
final class FuzzDb implements AutoCloseable {

    /** Leases of singleton jobs (event stream) and engine markers (stream reconnect times): renewed on timers. */
    static final Set<String> SKIPPED_TABLES = Set.of("lease", "engine_marker");

    /** {@code api_token.last_used_at}: set (at most once per period) when a token authenticates. */
    static final Map<String, Set<String>> SKIPPED_COLUMNS = Map.of("api_token", Set.of("last_used_at"));

    /** Row filters: refused mutations are audited as REJECTED in a transaction of their own (AuditService). */
    static final Map<String, String> ROW_FILTERS = Map.of("audit_entry", "outcome <> 'REJECTED'");

    private static final String END = "__fuzz_end__";

    private final Process psql;

    private final Writer in;

    private final BufferedReader out;

    private final String snapshotSql;

    private final List<String> tables = new ArrayList<>();

    FuzzDb(String database) throws IOException {
        psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-At", "-q", "-F",
                "\t").redirectErrorStream(true).start();
        in = new OutputStreamWriter(psql.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(psql.getInputStream(), StandardCharsets.UTF_8));
        Map<String, List<String>> columns = new TreeMap<>();
        for (String row : query("""
                SELECT table_name, column_name FROM information_schema.columns
                 WHERE table_schema = 'public' ORDER BY table_name, ordinal_position""")) {
            String[] f = row.split("\t");
            columns.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
        }
        List<String> selects = new ArrayList<>();
        for (Map.Entry<String, List<String>> t : columns.entrySet()) {
            String table = t.getKey();
            if (SKIPPED_TABLES.contains(table)) {
                continue;
            }
            tables.add(table);
            Set<String> skipped = SKIPPED_COLUMNS.getOrDefault(table, Set.of());
            List<String> cols = t.getValue().stream().filter(c -> !skipped.contains(c)).map(c -> "t.\"" + c + "\"")
                .toList();
            String maxId = t.getValue().contains("id") ? "coalesce(max(t.id)::text, '-')" : "'-'";
            String filter = ROW_FILTERS.containsKey(table) ? " WHERE " + ROW_FILTERS.get(table) : "";
            selects.add("SELECT '" + table + "', count(*), coalesce(sum(hashtext(ROW(" + String.join(", ", cols)
                    + ")::text)::bigint), 0), " + maxId + " FROM \"" + table + "\" t" + filter);
        }
        snapshotSql = String.join("\nUNION ALL ", selects);
    }

    List<String> tables() {
        return tables;
    }

    /** Table name → "rows=N sum=S maxId=M". */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> state = new LinkedHashMap<>();
        for (String row : query(snapshotSql)) {
            String[] f = row.split("\t");
            if (f.length != 4) {
                throw new IllegalStateException("unexpected psql output: " + row);
            }
            state.put(f[0], "rows=" + f[1] + " sum=" + f[2] + " maxId=" + f[3]);
        }
        return state;
    }

    /** What changed between two snapshots, one entry per table ("table: before -> after"). */
    static List<String> diff(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String was = before.get(e.getKey());
            if (!e.getValue().equals(was)) {
                changes.add(e.getKey() + ": " + was + " -> " + e.getValue());
            }
        }
        return changes;
    }

    /** One value (first column of the first row), or null. */
    String value(String sql) throws IOException {
        List<String> rows = query(sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    synchronized List<String> query(String sql) throws IOException {
        in.write(sql.replace('\n', ' ') + ";\n\\echo " + END + "\n");
        in.flush();
        List<String> rows = new ArrayList<>();
        String error = null;
        String line;
        while ((line = out.readLine()) != null && !line.equals(END)) {
            if (line.startsWith("ERROR:") || line.startsWith("psql:")) {
                error = error == null ? line : error;
            }
            else {
                rows.add(line);
            }
        }
        if (line == null || error != null) {
            throw new IllegalStateException("psql: " + (error == null ? "exited" : error) + " (" + sql + ")");
        }
        return rows;
    }

    @Override
    public void close() {
        psql.destroy();
    }

}
