package dev.fleetota.common;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background ticks and periodic jobs; tests switch them off and call the tick methods themselves. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "fleetota.scheduling.enabled", matchIfMissing = true)
class SchedulingConfiguration {

}
