package dev.fleetota.promotion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.fleetota.audit.AuditService;
import dev.fleetota.common.ConflictException;
import dev.fleetota.common.InvalidRequestException;
import dev.fleetota.common.NotFoundException;

import org.springframework.stereotype.Service;

/**
 * The promotion use case: checks the idempotency key (CI must send one), runs the promotion in its transaction
 * ({@link PromotionExecution}) and records every refusal in the audit trail after the rollback, so refused gate
 * decisions are kept.
 */
@Service
public class Promotions {

    /** Printable ASCII without spaces, 1–255 characters. */
    static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final PromotionExecution execution;

    private final AuditService audit;

    Promotions(PromotionExecution execution, AuditService audit) {
        this.execution = execution;
        this.audit = audit;
    }

    /**
     * Promotes a firmware release with a template. {@code idempotencyKey} may be null for operators; CI tokens must
     * send one. The same key with the same body returns the first result ({@code replayed}); with another body it is
     * a 422 problem.
     */
    public Promoted promote(PromotionRequest request, String idempotencyKey) {
        String key = checkKey(request, idempotencyKey);
        try {
            return execution.execute(request, key, RequestHash.of(request));
        }
        catch (GateRefusedException ex) {
            audit.recordRejected("promotion.gate", "rollout-template", String.valueOf(ex.templateId()),
                    ex.auditDetail());
            reject(request, key, ex.problemType(), ex.getMessage());
            throw ex;
        }
        catch (ConflictException ex) {
            reject(request, key, ex.problemType(), ex.getMessage());
            throw ex;
        }
        catch (InvalidRequestException ex) {
            reject(request, key, ex.problemType(), ex.getMessage());
            throw ex;
        }
        catch (NotFoundException ex) {
            reject(request, key, "not-found", ex.getMessage());
            throw ex;
        }
    }

    private String checkKey(PromotionRequest request, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            if (Callers.isCi()) {
                reject(request, null, "idempotency-key-required", "CI token without Idempotency-Key");
                throw new InvalidRequestException("idempotency-key-required",
                        "A CI token must send an Idempotency-Key header with every promotion (derive it from the"
                                + " commit, e.g. promote-<sha>-<template>), so retries never promote twice.",
                        Map.of("header", "Idempotency-Key"));
            }
            return null;
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException("invalid-idempotency-key",
                    "Idempotency-Key must be 1-255 printable ASCII characters without spaces.",
                    Map.of("header", "Idempotency-Key"));
        }
        return idempotencyKey;
    }

    private void reject(PromotionRequest request, String key, String problem, String reason) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("idempotencyKey", key);
        detail.put("template", request.template());
        detail.put("templateVersion", request.templateVersion());
        detail.put("firmwareVersion", request.firmware().version());
        detail.put("productId", request.firmware().productId());
        detail.put("problem", problem);
        detail.put("reason", reason);
        audit.recordRejected("promotion.create", "promotion", null, detail);
    }

}
