/**
 * Bearer-token authentication and role-based authorization: API tokens (stored hashed), the filter chain, the
 * first-start admin token and the token administration API.
 */
package dev.fleetota.security;
