package dev.fleetota.particle;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A Particle failure surfacing in any request becomes a 502/503/504 problem (the caller did nothing wrong). Ordered
 * before the catch-all handler of the {@code api} module. Type URIs follow {@code api.ProblemTypes}' base.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ParticleProblemAdvice {

    private static final String TYPES = "https://fleet-ota.dev/problems/";

    @ExceptionHandler(ParticleApiException.class)
    ProblemDetail particleFailed(ParticleApiException ex) {
        HttpStatus status = HttpStatus.BAD_GATEWAY;
        String slug = "particle-error";
        if (ex instanceof ParticleRateLimitedException) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            slug = "particle-rate-limited";
        }
        else if (ex instanceof ParticleOutcomeUnknownException) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            slug = "particle-outcome-unknown";
        }
        else if (ex.status() == 0 && !(ex instanceof ParticleServerException)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            slug = "particle-not-configured";
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        problem.setType(URI.create(TYPES + slug));
        problem.setTitle("Particle Cloud call failed");
        if (ex.status() > 0) {
            problem.setProperty("particleStatus", ex.status());
        }
        return problem;
    }

}
