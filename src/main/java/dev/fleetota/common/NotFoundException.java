package dev.fleetota.common;

import java.util.Map;

/** A resource named by the caller does not exist. Mapped to a 404 problem by the web layer. */
public class NotFoundException extends RuntimeException {

    private final String resourceType;

    private final Object resourceId;

    public NotFoundException(String resourceType, Object resourceId) {
        super(resourceType + " " + resourceId + " does not exist");
        this.resourceType = resourceType;
        this.resourceId = resourceId;
    }

    public String resourceType() {
        return resourceType;
    }

    public Map<String, Object> details() {
        return Map.of("resourceType", resourceType, "resourceId", String.valueOf(resourceId));
    }

}
