package dev.fleetota.security;

import jakarta.servlet.DispatcherType;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless bearer-token security. Open: health, OpenAPI/Swagger UI and the Particle webhook (it checks its own
 * shared secret). Prometheus needs any valid token (VIEWER or above). Everything else needs a valid token; the
 * role checks sit on the controller methods ({@code @PreAuthorize} with {@link dev.fleetota.common.Roles}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiTokenAuthenticationProvider tokens,
            ProblemResponses problems) throws Exception {
        // No cookies or sessions: bearer tokens are not sent by browsers on their own, so CSRF does not apply.
        http.csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .addFilterBefore(new BearerTokenAuthenticationFilter(tokens), AnonymousAuthenticationFilter.class)
            .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/particle/webhook")
                .permitAll()
                .requestMatchers("/actuator/prometheus")
                .hasRole(Role.VIEWER.name())
                .anyRequest()
                .authenticated());
        return http.build();
    }

    /** ADMIN &gt; OPERATOR &gt; VIEWER and CI &gt; VIEWER; used by URL rules and {@code @PreAuthorize}. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
            .role(Role.ADMIN.name())
            .implies(Role.OPERATOR.name())
            .role(Role.OPERATOR.name())
            .implies(Role.VIEWER.name())
            .role(Role.CI.name())
            .implies(Role.VIEWER.name())
            .build();
    }

    /**
     * No Micrometer observations of Spring Security's filters, authentications and authorizations: they wrapped each
     * of the ~12 filters of every request in an observation (GET /rollouts/{id} under load). Requests are still
     * observed as a whole ({@code http.server.requests}); denials are audited.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Publishes denials as events, so refused mutations are audited ({@link AccessDeniedAuditor}). */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
        return new SpringAuthorizationEventPublisher(events);
    }

}
