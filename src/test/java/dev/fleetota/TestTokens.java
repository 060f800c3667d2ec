package dev.fleetota;

import java.util.UUID;

import dev.fleetota.security.IssuedToken;
import dev.fleetota.security.Role;
import dev.fleetota.security.TokenAdministration;

import org.springframework.context.ApplicationContext;

/**
 * Creates API tokens for integration tests through the real token service. Each call makes a new token with a
 * unique name, so tests never share tokens.
 *
 * <pre>
 * &#64;Autowired ApplicationContext context;
 * ...
 * mvc.perform(get("/api/v1/devices").header(AUTHORIZATION, TestTokens.bearer(context, Role.VIEWER)));
 * </pre>
 */
public final class TestTokens {

    private TestTokens() {
    }

    /** A new token of {@code role}; the value for the {@code Authorization} header ("Bearer fo_..."). */
    public static String bearer(ApplicationContext context, Role role) {
        return create(context, role).header();
    }

    /** A new token of {@code role}, with its name (the audit actor) and header value. */
    public static TestToken create(ApplicationContext context, Role role) {
        String name = "test-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        IssuedToken issued = context.getBean(TokenAdministration.class).issue(name, role);
        return new TestToken(issued.id(), name, "Bearer " + issued.token());
    }

    /** A test token: its id, name (the audit actor) and {@code Authorization} header value. */
    public record TestToken(long id, String name, String header) {

    }

}
