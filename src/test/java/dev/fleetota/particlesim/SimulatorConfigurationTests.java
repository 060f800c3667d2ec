package dev.fleetota.particlesim;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-process simulator of the default run: enabled without a token, seeded, stopped with the context. */
class SimulatorConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SimulatorConfiguration.class);

    @Test
    void enabledSimulatorServesASeededDemoFleetUntilTheContextCloses() {
        String[] baseUrl = new String[1];
        runner.withPropertyValues("fleetota.simulator.enabled=true", "fleetota.simulator.demo-devices=25",
                "fleetota.simulator.access-token=abc123", "fleetota.simulator.seed=3").run(context -> {
                    ParticleSimulator sim = context.getBean(ParticleSimulator.class);
                    baseUrl[0] = sim.baseUrl();
                    HttpResponse<String> response = get(sim.baseUrl() + "/v1/products/30301/firmware", "abc123");

                    assertThat(sim.deviceCount()).isEqualTo(25);
                    assertThat(sim.settings().timeScale()).isEqualTo(20);
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(SimClient.JSON.readTree(response.body()).size()).isEqualTo(4);
                });

        assertThatThrownBy(() -> get(baseUrl[0] + "/sim/stats", null)).isInstanceOf(ConnectException.class);
    }

    @Test
    void simulatorIsAbsentUnlessEnabled() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ParticleSimulator.class));
    }

    @Test
    void withoutATokenThePostProcessorPointsTheClientAtTheSimulator() {
        MockEnvironment env = new MockEnvironment();

        new SimulatorEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());

        String port = env.getProperty("fleetota.simulator.port");
        assertThat(env.getProperty("fleetota.simulator.enabled")).isEqualTo("true");
        assertThat(Integer.parseInt(port)).isPositive();
        assertThat(env.getProperty("fleetota.particle.base-url")).isEqualTo("http://127.0.0.1:" + port);
        assertThat(env.getProperty("fleetota.particle.access-token"))
                .isEqualTo(env.getProperty("fleetota.simulator.access-token")).matches("[0-9a-f]{40}");
        assertThat(env.getProperty("fleetota.particle.product")).isEqualTo("30301");
    }

    @Test
    void aRealTokenOrAnExplicitFalseLeavesTheEnvironmentAlone() {
        MockEnvironment withToken = new MockEnvironment().withProperty("fleetota.particle.access-token", "real");
        MockEnvironment disabled = new MockEnvironment().withProperty("fleetota.simulator.enabled", "false");

        new SimulatorEnvironmentPostProcessor().postProcessEnvironment(withToken, new SpringApplication());
        new SimulatorEnvironmentPostProcessor().postProcessEnvironment(disabled, new SpringApplication());

        assertThat(withToken.getProperty("fleetota.simulator.enabled")).isNull();
        assertThat(withToken.getProperty("fleetota.particle.base-url")).isNull();
        assertThat(disabled.getProperty("fleetota.particle.access-token")).isNull();
    }

    @Test
    void configuredPortIsKept() {
        MockEnvironment env = new MockEnvironment().withProperty("fleetota.simulator.port", "18555");

        new SimulatorEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("fleetota.particle.base-url")).isEqualTo("http://127.0.0.1:18555");
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
