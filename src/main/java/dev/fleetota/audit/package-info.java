/**
 * Audit trail: who (token name) did what to which resource, when, with what outcome. Other features call
 * {@link dev.fleetota.audit.AuditService}; the API reads it at {@code GET /api/v1/audit}.
 */
package dev.fleetota.audit;
