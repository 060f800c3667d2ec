package dev.fleetota.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies an audit detail map into plain JSON values (strings, numbers, booleans, lists, maps); anything else
 * (instants, enums, ...) becomes its string form. Callers must never put secrets in the detail.
 */
final class AuditDetails {

    private AuditDetails() {
    }

    static Map<String, Object> copyOf(Map<String, ?> detail) {
        if (detail == null || detail.isEmpty()) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        detail.forEach((key, value) -> copy.put(key, plain(value)));
        return copy;
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            collection.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return value.toString();
    }

}
