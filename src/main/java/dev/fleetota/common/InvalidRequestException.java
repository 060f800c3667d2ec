package dev.fleetota.common;

import java.util.Map;

/**
 * The request is well-formed JSON but makes no sense in the domain (a bad selector, an unknown cohort name in a
 * template, ...). Mapped to a 400 problem (or 422 when {@link #unprocessable()} is true).
 */
public class InvalidRequestException extends RuntimeException {

    private final String problemType;

    private final Map<String, Object> details;

    private final boolean unprocessable;

    public InvalidRequestException(String problemType, String detail, Map<String, Object> details) {
        this(problemType, detail, details, false);
    }

    public InvalidRequestException(String problemType, String detail, Map<String, Object> details,
            boolean unprocessable) {
        super(detail);
        this.problemType = problemType;
        this.details = Map.copyOf(details);
        this.unprocessable = unprocessable;
    }

    public String problemType() {
        return problemType;
    }

    public Map<String, Object> details() {
        return details;
    }

    public boolean unprocessable() {
        return unprocessable;
    }

}
