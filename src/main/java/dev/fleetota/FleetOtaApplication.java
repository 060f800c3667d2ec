package dev.fleetota;

import dev.fleetota.particlesim.SimulatorMain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FleetOtaApplication {

    public static void main(String[] args) {
        if (SimulatorMain.handles(args)) {
            return;
        }
        SpringApplication.run(FleetOtaApplication.class, args);
    }

}
