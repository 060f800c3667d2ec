package dev.fleetota.particlesim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * No Particle token configured and the simulator not explicitly disabled → run against the simulator: sets
 * {@code fleetota.simulator.enabled=true}, picks its port (configured or free), a token, and points
 * {@code fleetota.particle.base-url/access-token/product} at it. A real token leaves everything alone.
 * Registered in {@code META-INF/spring.factories}; runs after the config files are loaded.
 */
public class SimulatorEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "fleetotaSimulator";

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String enabled = env.getProperty("fleetota.simulator.enabled");
        if (enabled != null && enabled.trim().equalsIgnoreCase("false")) {
            return;
        }
        String particleToken = env.getProperty("fleetota.particle.access-token");
        if (particleToken != null && !particleToken.isBlank()) {
            return;
        }
        String host = env.getProperty("fleetota.simulator.host", "127.0.0.1");
        int port = env.getProperty("fleetota.simulator.port", Integer.class, 0);
        if (port == 0) {
            port = freePort(host);
        }
        String token = env.getProperty("fleetota.simulator.access-token");
        if (token == null || token.isBlank()) {
            byte[] bytes = new byte[20];
            new SecureRandom().nextBytes(bytes);
            token = HexFormat.of().formatHex(bytes);
        }
        String product = env.getProperty("fleetota.simulator.product-id", "30301");
        String urlHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("fleetota.simulator.enabled", "true");
        props.put("fleetota.simulator.port", String.valueOf(port));
        props.put("fleetota.simulator.access-token", token);
        props.put("fleetota.particle.base-url", "http://" + urlHost + ":" + port);
        props.put("fleetota.particle.access-token", token);
        props.put("fleetota.particle.product", product);
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("no free port for the Particle simulator", ex);
        }
    }

}
