package dev.fleetota.promotion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fleetota.common.ConflictException;
import dev.fleetota.firmware.FirmwareView;
import dev.fleetota.template.TemplateView;

/** A promotion gate did not pass: 409 {@code promotion-gate-failed}, naming the gate and why. */
class GateRefusedException extends ConflictException {

    private final transient Map<String, Object> auditDetail;

    private final long templateId;

    GateRefusedException(TemplateView template, FirmwareView release, GateDecision failed,
            List<GateDecision> decisions) {
        super("promotion-gate-failed", "Promotion gate not passed",
                "Gate '" + failed.gate() + "' of template " + template.name() + " v" + template.version()
                        + " failed (" + failed.reason() + "): " + failed.detail(),
                details(template, failed, decisions));
        this.templateId = template.id();
        this.auditDetail = PromotionExecution.gateDetail(template, release, decisions);
    }

    long templateId() {
        return templateId;
    }

    /** Every gate decision, as plain values for the audit trail. */
    Map<String, Object> auditDetail() {
        return auditDetail;
    }

    private static Map<String, Object> details(TemplateView template, GateDecision failed,
            List<GateDecision> decisions) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("template", template.name());
        details.put("templateVersion", template.version());
        details.put("gate", failed.gate());
        details.put("reason", failed.reason());
        details.put("gates", decisions);
        return details;
    }

}
