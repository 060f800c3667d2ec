package dev.fleetota.template;

import java.util.List;

import dev.fleetota.rollout.RolloutPolicy;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON for the template's jsonb columns (policy, gates); independent of the web mapper's settings. */
final class TemplateJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private TemplateJson() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static RolloutPolicy policy(String json) {
        return MAPPER.readValue(json, RolloutPolicy.class);
    }

    static List<PromotionGate> gates(String json) {
        return MAPPER.readValue(json, new TypeReference<List<PromotionGate>>() {
        });
    }

}
