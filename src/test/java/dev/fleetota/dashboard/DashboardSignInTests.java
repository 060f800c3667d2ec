package dev.fleetota.dashboard;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestTokens;
import dev.fleetota.TestTokens.TestToken;
import dev.fleetota.security.Role;
import dev.fleetota.security.TokenAdministration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Sign-in with an API token, the session it makes, sign-out, and the separation from the stateless API. */
@IntegrationTest
class DashboardSignInTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Test
    void anonymousVisitorIsSentToTheSignInPage() throws Exception {
        mvc.perform(get("/ui/rollouts")).andExpect(status().isFound()).andExpect(redirectedUrl("/ui/login"));
    }

    @Test
    void signInPageHasATokenFieldAndACsrfToken() throws Exception {
        mvc.perform(get("/ui/login"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("name=\"token\"")))
            .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void validTokenSignsInAndShowsItsNameOnTheOverview() throws Exception {
        TestToken token = TestTokens.create(context, Role.OPERATOR);

        MockHttpSession session = DashboardSession.signIn(mvc, token);

        mvc.perform(get("/ui").session(session))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString(token.name())));
    }

    @Test
    void unknownTokenIsSentBackToTheFormWithAnError() throws Exception {
        mvc.perform(post("/ui/login").param("token", "fo_not-a-token").with(csrf()))
            .andExpect(status().isFound())
            .andExpect(redirectedUrl("/ui/login?error"));
    }

    @Test
    void signInWithoutACsrfTokenIsRefused() throws Exception {
        TestToken token = TestTokens.create(context, Role.OPERATOR);

        mvc.perform(post("/ui/login").param("token", DashboardSession.secret(token)))
            .andExpect(status().isForbidden());
    }

    @Test
    void signOutEndsTheSession() throws Exception {
        MockHttpSession session = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(post("/ui/logout").session(session).with(csrf()))
            .andExpect(redirectedUrl("/ui/login?signedOut"));

        mvc.perform(get("/ui").session(session)).andExpect(redirectedUrl("/ui/login"));
    }

    @Test
    void revokingTheTokenEndsItsSessionAtTheNextRequest() throws Exception {
        TestToken token = TestTokens.create(context, Role.OPERATOR);
        MockHttpSession session = DashboardSession.signIn(mvc, token);

        context.getBean(TokenAdministration.class).revoke(token.id());

        mvc.perform(get("/ui").session(session)).andExpect(redirectedUrl("/ui/login"));
    }

    @Test
    void aDashboardSessionDoesNotAuthenticateTheApi() throws Exception {
        MockHttpSession session = DashboardSession.signIn(mvc, context, Role.ADMIN);

        mvc.perform(get("/api/v1/rollouts").session(session)).andExpect(status().isUnauthorized());
    }

    @Test
    void htmxRequestOfAnExpiredSessionIsToldToLoadTheSignInPage() throws Exception {
        mvc.perform(get("/ui/rollouts").header("HX-Request", "true"))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string("HX-Redirect", "/ui/login"));
    }

    @Test
    void pagesForbidInlineScriptsAndFraming() throws Exception {
        mvc.perform(get("/ui/login"))
            .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
            .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
            .andExpect(header().string("X-Frame-Options", "DENY"));
    }

    @Test
    void theRootLeadsToTheDashboard() throws Exception {
        mvc.perform(get("/")).andExpect(redirectedUrl("/ui"));
    }

    @Test
    void scriptsAndStylesAreServedFromTheJarWithoutSigningIn() throws Exception {
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx-ext-sse/sse.js")).andExpect(status().isOk());
        mvc.perform(get("/dashboard/dashboard.css")).andExpect(status().isOk());
        mvc.perform(get("/dashboard/dashboard.js")).andExpect(status().isOk());
    }

}
