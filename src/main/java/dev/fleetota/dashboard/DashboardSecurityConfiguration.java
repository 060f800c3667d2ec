package dev.fleetota.dashboard;

import dev.fleetota.security.TokenSignIn;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The dashboard's own filter chain, ahead of the stateless API chain and limited to the dashboard's paths: sign-in
 * with an API token on a form, then a session cookie; CSRF tokens on every form; sign-out. {@code /api/**} is not
 * touched, so a dashboard session never authenticates an API call.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfiguration {

    static final String LOGIN = "/ui/login";

    static final String LOGOUT = "/ui/logout";

    static final String FORBIDDEN = "/ui/forbidden";

    /** No inline scripts or styles: every script and style comes from the jar. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain dashboardSecurityFilterChain(HttpSecurity http, TokenSignIn tokens,
            @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) throws Exception {
        http.securityMatcher("/", "/ui", "/ui/**", "/dashboard/**", "/webjars/**")
            .authenticationManager(tokenSignIn(tokens))
            .formLogin(form -> form.loginPage(LOGIN)
                .loginProcessingUrl(LOGIN)
                .passwordParameter("token")
                .defaultSuccessUrl("/ui")
                .failureUrl(LOGIN + "?error"))
            .logout(logout -> logout.logoutUrl(LOGOUT)
                .logoutSuccessUrl(LOGIN + "?signedOut")
                .deleteCookies(sessionCookie))
            .requestCache(cache -> cache.requestCache(pageRequests()))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(new DashboardEntryPoint(LOGIN))
                .accessDeniedHandler(forbiddenPage()))
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frames -> frames.deny()))
            .addFilterAfter(new SessionTokenCheck(tokens), SecurityContextHolderFilter.class)
            .authorizeHttpRequests(requests -> requests
                .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR, DispatcherType.ASYNC)
                .permitAll()
                .requestMatchers("/", LOGIN, FORBIDDEN, "/dashboard/**", "/webjars/**")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/ui/rollouts/**")
                .hasRole("OPERATOR")
                .anyRequest()
                .authenticated());
        return http.build();
    }

    /** The sign-in form's "password" is an API token, checked like a bearer token. */
    private static AuthenticationManager tokenSignIn(TokenSignIn tokens) {
        return attempt -> tokens.verify(String.valueOf(attempt.getCredentials()))
            .orElseThrow(() -> new BadCredentialsException("The token is unknown or revoked."));
    }

    /** After sign-in, back to the page that asked for it: full pages only, not htmx fragments or the stream. */
    private static HttpSessionRequestCache pageRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                && request.getHeader(DashboardEntryPoint.HX_REQUEST) == null
                && !request.getRequestURI().endsWith("/events"));
        return cache;
    }

    private static AccessDeniedHandlerImpl forbiddenPage() {
        AccessDeniedHandlerImpl handler = new AccessDeniedHandlerImpl();
        handler.setErrorPage(FORBIDDEN);
        return handler;
    }

}
