package dev.fleetota.common;

import java.util.Map;

/**
 * The request conflicts with the current state (duplicate, illegal transition, ...). Mapped to a 409 problem.
 * Subclasses name a stable problem type slug and add machine-readable details.
 */
public class ConflictException extends RuntimeException {

    private final String problemType;

    private final String title;

    private final Map<String, Object> details;

    public ConflictException(String problemType, String title, String detail, Map<String, Object> details) {
        super(detail);
        this.problemType = problemType;
        this.title = title;
        this.details = Map.copyOf(details);
    }

    /** Slug appended to the problem type base URI, e.g. {@code illegal-transition}. */
    public String problemType() {
        return problemType;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> details() {
        return details;
    }

}
