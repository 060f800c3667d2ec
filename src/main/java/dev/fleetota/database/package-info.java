/** Embedded PostgreSQL for the default run and the tests; an external server replaces it by configuration. */
package dev.fleetota.database;
