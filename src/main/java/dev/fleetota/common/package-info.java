/** Shared kernel: base exceptions, value types, clock and scheduling switches. Depends on no feature. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.fleetota.common;
