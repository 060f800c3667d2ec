package dev.fleetota.device;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.fleetota.common.InvalidRequestException;

/** Particle device ids: 24 hex characters, accepted in any case, stored and compared in lowercase. */
public final class DeviceIds {

    /** For {@code @Pattern} on request fields: any case. */
    public static final String REGEX = "^[0-9a-fA-F]{24}$";

    private static final Pattern FORMAT = Pattern.compile(REGEX);

    private DeviceIds() {
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }

    /** The id in lowercase; a 400 validation problem when it is not 24 hex characters. */
    public static String normalize(String id) {
        if (!isValid(id)) {
            String rejected = String.valueOf(id).length() > 64 ? "(too long)" : String.valueOf(id);
            Map<String, Object> error = Map.of("field", "id", "message",
                    "must be a Particle device id (24 hex characters)", "rejectedValue", rejected);
            throw new InvalidRequestException("validation", "1 invalid field(s)", Map.of("errors", List.of(error)));
        }
        return id.toLowerCase(Locale.ROOT);
    }

}
