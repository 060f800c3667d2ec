package dev.fleetota.dashboard;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A horizontal bar chart drawn as inline SVG (no script, no inline style): one row per label, bar length relative
 * to the largest count, with the share of the total.
 */
record BarChart(String title, long total, List<Row> rows) {

    /** One bar: {@code width} in SVG viewBox units (0–100), {@code share} of the chart's total (0–1). */
    record Row(String label, String key, long count, double width, double share, String tone) {
    }

    /** Rows in the map's iteration order; {@code tone} picks a CSS class per key (may return null). */
    static BarChart of(String title, Map<String, Long> counts, Function<String, String> tone) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Row> rows = counts.entrySet()
            .stream()
            .map(e -> new Row(e.getKey(), e.getKey(), e.getValue(), max == 0 ? 0 : 100.0 * e.getValue() / max,
                    total == 0 ? 0 : (double) e.getValue() / total, tone.apply(e.getKey())))
            .toList();
        return new BarChart(title, total, rows);
    }

    static BarChart of(String title, Map<String, Long> counts) {
        return of(title, counts, key -> null);
    }

}
