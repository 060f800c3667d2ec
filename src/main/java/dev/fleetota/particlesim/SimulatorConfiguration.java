package dev.fleetota.particlesim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the simulator inside the service (default run without a Particle token): its own port, the demo
 * product firmware and a seeded demo fleet; stopped with the application context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fleetota.simulator.enabled", havingValue = "true")
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

    @Bean(destroyMethod = "close")
    ParticleSimulator particleSimulator(SimulatorProperties properties) {
        ParticleSimulator sim = ParticleSimulator.start(properties.toSettings());
        sim.seedDemoFirmware();
        sim.seedFleet(properties.demoDevices());
        log.info("Particle Cloud simulator serving product {} with {} devices at {} (time scale {}, seed {}); "
                + "ground truth at {}/sim", sim.productId(), sim.deviceCount(), sim.baseUrl(),
                properties.timeScale(), properties.seed(), sim.baseUrl());
        return sim;
    }

}
