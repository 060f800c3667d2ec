/** Demo data for the default run on the built-in simulator. */
package dev.fleetota.demo;
