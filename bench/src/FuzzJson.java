import java.util.List;
import java.util.Map;

/** A minimal JSON writer for generated request bodies (maps, lists, strings, numbers, booleans, null, raw text). */
final class FuzzJson {

    /** Written verbatim, e.g. a number literal no Java type holds ({@code 1e400}). */
    record Raw(String text) {
    }

    private FuzzJson() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        }
        else if (value instanceof Raw raw) {
            out.append(raw.text());
        }
        else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        }
        else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        }
        else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        }
        else {
            string(value.toString(), out);
        }
    }

    static String string(String s) {
        StringBuilder out = new StringBuilder();
        string(s, out);
        return out.toString();
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

}
