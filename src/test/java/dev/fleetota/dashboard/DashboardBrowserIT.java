package dev.fleetota.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.fleetota.TestTokens;
import dev.fleetota.TestTokens.TestToken;
import dev.fleetota.particlesim.DeviceSpec;
import dev.fleetota.particlesim.Fault;
import dev.fleetota.particlesim.Platform;
import dev.fleetota.particlesim.SimKind;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.fleetota.dashboard.BrowserFleet.SIM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (headless Chromium) against the whole service on a random port, with the engine
 * ticking by itself on the in-process Particle simulator. Runs in the Maven profile {@code browser}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DashboardBrowserIT {

    static final Duration ENGINE = Duration.ofSeconds(120);

    static final Duration LIVE = Duration.ofSeconds(20);

    static final By STATUS = By.cssSelector("#live [data-role=status]");

    /** Short durations; simulated devices may last have handshaken days ago, so preflight accepts a week. */
    static final String POLICY = """
            {"batches": {"canarySize": %d, "batchSize": %d, "growthFactor": 1.0, "maxBatchSize": %d,
                         "soak": "PT1S", "approvalAfterCanary": %s},
             "safety": {"safeModeSilence": "PT12S", "verifyPeriod": "PT0.3S", "flashStartTimeout": "PT20S",
                        "flashTimeout": "PT30S", "onlineAfterResetTimeout": "PT30S", "safeModeMaxDuration": "PT60S"},
             "risk": {"includeHighRisk": %s, "highRiskBatchSize": 2},
             "preflight": {"maxLastHeardAge": "P7D"}}
            """;

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        BrowserFleet.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    FleetApi api;

    DashboardBrowser browser;

    @BeforeEach
    void browserAndApi() {
        api = new FleetApi(port, TestTokens.bearer(context, Role.OPERATOR));
        browser = new DashboardBrowser(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private String signIn(Role role) {
        TestToken token = TestTokens.create(context, role);
        browser.signIn(DashboardSession.secret(token));
        return token.name();
    }

    private long rollout(String prefix, List<String> devices, String toOs, Platform platform,
            String policy) {
        api.syncDevices();
        int version = BrowserFleet.newFirmware(toOs);
        long firmware = api.registerFirmware(SIM.productId(), version, toOs, platform.id());
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        return api.createRollout(name, firmware, api.createCohort(name, devices), policy);
    }

    /** Waits in the browser; on a time-out, says what the API shows of the rollout and its devices. */
    private void waitOrDescribe(long rolloutId, Runnable wait) {
        try {
            wait.run();
        }
        catch (org.openqa.selenium.TimeoutException ex) {
            throw new AssertionError(ex.getMessage() + "\nrollout: " + api.get("/rollouts/" + rolloutId)
                    + "\ndevices: " + api.get("/rollouts/" + rolloutId + "/devices"), ex);
        }
    }

    @Test
    void operatorStartsARolloutWatchesItMoveAndApprovesTheRest() {
        int old = BrowserFleet.newFirmware("4.0.2");
        List<String> borons = BrowserFleet.add(8,
                DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(old));
        long id = rollout("borons", borons, "4.2.0", Platform.BORON, POLICY.formatted(2, 3, 3, true, false));
        signIn(Role.OPERATOR);

        browser.open("/ui/rollouts/" + id);
        browser.clickAndConfirm(By.cssSelector("[data-action=start]"));
        browser.waitFor(By.id("notice"));
        browser.markPage();
        waitOrDescribe(id, () -> browser.waitForText(STATUS, "APPROVAL", ENGINE));

        assertThat(browser.text(By.id("progress-text"))).startsWith("2 of 8 devices finished");
        assertThat(browser.isSamePage()).as("updated without a page load").isTrue();
        browser.screenshot("rollout-approval");

        browser.clickAndConfirm(By.cssSelector("[data-action=approve]"));
        browser.waitFor(By.id("notice"));
        browser.markPage();
        waitOrDescribe(id, () -> browser.waitForText(STATUS, "COMPLETED", ENGINE));

        assertThat(browser.text(By.id("progress-text"))).startsWith("8 of 8 devices finished");
        assertThat(browser.isSamePage()).isTrue();
        assertThat(browser.all(By.cssSelector("[data-action]"))).isEmpty();
        browser.screenshot("rollout-completed");
    }

    @Test
    void deviceSilentInSafeModeRaisesTheHaltBannerAndTheOperatorResumes() {
        int old = BrowserFleet.newFirmware("2.3.1");
        List<String> electrons = BrowserFleet.add(6, DeviceSpec.of(Platform.ELECTRON).withSim(SimKind.THIRD_PARTY)
            .withDeviceOs("2.3.1")
            .withFirmware(old));
        long id = rollout("electrons", electrons, "3.3.1", Platform.ELECTRON,
                POLICY.formatted(3, 3, 3, false, true));
        String doomed = api.canary(id).get(0);
        SIM.setFault(doomed, Fault.NONE.withPowerLossInSafeMode(null));
        signIn(Role.OPERATOR);
        browser.open("/ui/rollouts/" + id);
        browser.clickAndConfirm(By.cssSelector("[data-action=start]"));
        browser.waitFor(By.id("notice"));
        browser.markPage();

        waitOrDescribe(id, () -> browser.waitFor(By.id("halt-banner"), ENGINE));

        assertThat(browser.text(By.id("halt-rule"))).isEqualTo("SILENT_IN_SAFE_MODE");
        assertThat(browser.text(By.id("halt-devices"))).contains(doomed);
        assertThat(browser.isSamePage()).as("the banner appeared without a page load").isTrue();
        browser.screenshot("rollout-halted");
        browser.open("/ui");
        browser.screenshot("fleet");
        browser.open("/ui/rollouts");
        browser.screenshot("rollouts");
        browser.open("/ui/devices/" + doomed);
        browser.waitForText(By.id("timeline"), "SILENT_IN_SAFE_MODE", LIVE);
        browser.screenshot("device");

        browser.open("/ui/rollouts/" + id);
        browser.clickAndConfirm(By.cssSelector("#actions [data-action=resume]"));

        browser.waitFor(By.id("notice"));
        assertThat(browser.all(By.id("halt-banner"))).isEmpty();
        assertThat(api.status(id)).isNotEqualTo("HALTED");
    }

    @Test
    void viewerSeesNoActionButtonsAndAForgedPostIsRefused() {
        int old = BrowserFleet.newFirmware("4.0.2");
        List<String> borons = BrowserFleet.add(2,
                DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(old));
        long id = rollout("viewer", borons, "4.2.0", Platform.BORON, POLICY.formatted(1, 1, 1, true, false));
        signIn(Role.VIEWER);

        browser.open("/ui/rollouts/" + id);

        browser.waitFor(By.id("rollout-name"));
        assertThat(browser.all(By.cssSelector("[data-action]"))).isEmpty();
        assertThat(browser.all(By.id("actions"))).isEmpty();
        browser.screenshot("rollout-viewer");
        assertThat(browser.postFromPage("/ui/rollouts/" + id + "/start", true)).isEqualTo(403);
        assertThat(browser.postFromPage("/ui/rollouts/" + id + "/start", false)).isEqualTo(403);
        assertThat(api.status(id)).isEqualTo("DRAFT");
    }

    @Test
    void signInKeepsAnHttpOnlySameSiteSessionCookieAndSignOutEndsIt() {
        browser.open("/ui/login");
        browser.screenshot("login");
        String name = signIn(Role.OPERATOR);

        Cookie session = browser.cookie("FLEETOTA_SESSION");

        assertThat(browser.text(By.id("viewer-name"))).isEqualTo(name);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.isSecure()).as("plain http on localhost").isFalse();
        browser.click(By.id("sign-out"));
        browser.waitFor(By.id("signed-out"));
        browser.open("/ui/rollouts");
        assertThat(browser.path()).isEqualTo("/ui/login");
    }

    @Test
    void unknownTokenIsRefusedOnTheSignInPage() {
        browser.open("/ui/login");
        browser.waitFor(By.id("token")).sendKeys("fo_this-is-not-a-token");
        browser.click(By.id("sign-in"));

        browser.waitFor(By.id("sign-in-failed"));
        assertThat(browser.path()).startsWith("/ui/login");
    }

}
