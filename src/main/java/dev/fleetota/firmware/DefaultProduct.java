package dev.fleetota.firmware;

import java.util.List;
import java.util.Map;

import dev.fleetota.common.InvalidRequestException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The product a registration without {@code productId} belongs to: {@code fleetota.particle.product}, if numeric. */
@Component
class DefaultProduct {

    private final String configured;

    DefaultProduct(@Value("${fleetota.particle.product:}") String configured) {
        this.configured = configured == null ? "" : configured.trim();
    }

    int resolve(Integer requested) {
        if (requested != null) {
            return requested;
        }
        if (configured.matches("[1-9][0-9]{0,8}")) {
            return Integer.parseInt(configured);
        }
        Map<String, Object> error = Map.of("field", "productId", "message",
                "is required: fleetota.particle.product is not a numeric product id");
        throw new InvalidRequestException("validation", "1 invalid field(s)", Map.of("errors", List.of(error)));
    }

}
