package dev.fleetota.api;

import org.springframework.http.converter.HttpMessageNotReadableException;

/** Turns Jackson's parse failures into a sentence for the client, without Java class names. */
final class MalformedBodyMessages {

    private MalformedBodyMessages() {
    }

    static String describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        String name = cause.getClass().getSimpleName();
        if (name.contains("UnrecognizedProperty")) {
            String property = propertyName(cause.getMessage());
            return "Unknown property " + property + ": the request was rejected so that a typo cannot silently drop"
                    + " a setting.";
        }
        if (name.contains("MismatchedInput") || name.contains("InvalidFormat") || name.contains("InvalidType")) {
            return "A value has the wrong type or format" + pathOf(cause.getMessage()) + ".";
        }
        if (cause == ex || ex.getMessage() == null || ex.getMessage().startsWith("Required request body")) {
            return "The request body is missing or is not valid JSON.";
        }
        return "The request body is not valid JSON.";
    }

    private static String propertyName(String message) {
        if (message == null) {
            return "(unknown)";
        }
        int start = message.indexOf('"');
        int end = start < 0 ? -1 : message.indexOf('"', start + 1);
        return end > start ? "'" + message.substring(start + 1, end) + "'" : "(unknown)";
    }

    private static String pathOf(String message) {
        if (message == null) {
            return "";
        }
        int at = message.lastIndexOf("(through reference chain:");
        if (at < 0) {
            return "";
        }
        String chain = message.substring(at);
        int q1 = chain.lastIndexOf("[\"");
        int q2 = q1 < 0 ? -1 : chain.indexOf("\"]", q1);
        return q2 > q1 ? " at '" + chain.substring(q1 + 2, q2) + "'" : "";
    }

}
