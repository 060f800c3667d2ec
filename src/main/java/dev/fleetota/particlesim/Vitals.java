package dev.fleetota.particlesim;

import java.util.SplittableRandom;

import tools.jackson.databind.node.ObjectNode;

/** Device vitals (§10) derived from the seed and the device, stable within a minute, without touching its Random. */
final class Vitals {

    private Vitals() {
    }

    static String payload(SimDevice d, long nowMillis) {
        return node(d, nowMillis).toString();
    }

    static ObjectNode node(SimDevice d, long nowMillis) {
        SplittableRandom r = new SplittableRandom(d.id.hashCode() * 31L + d.index * 7919L + nowMillis / 60_000);
        ObjectNode root = Json.object();
        ObjectNode device = root.putObject("device");
        network(device.putObject("network"), d, r);
        ObjectNode cloud = device.putObject("cloud");
        connection(cloud.putObject("connection"), d.connected, r.nextInt(3));
        cloud.putObject("coap").put("round_trip", 200 + r.nextInt(1500));
        ObjectNode power = device.putObject("power");
        ObjectNode battery = power.putObject("battery");
        battery.put("charge", round(20 + r.nextDouble() * 80));
        battery.put("state", r.nextInt(4) == 0 ? "charging" : "discharging");
        power.put("source", r.nextBoolean() ? "VIN" : "USB host");
        ObjectNode system = device.putObject("system");
        system.put("uptime", Math.max(0, (nowMillis - d.lastHandshake) / 1000));
        ObjectNode memory = system.putObject("memory");
        memory.put("used", 60_000 + r.nextInt(20_000));
        memory.put("total", 167_688);
        root.putObject("service").putObject("device").put("status", "ok");
        return root;
    }

    private static void network(ObjectNode network, SimDevice d, SplittableRandom r) {
        ObjectNode signal = network.putObject("signal");
        signal.put("at", d.platform.cellular() ? (d.platform.generation() == 2 ? "3G" : "LTE Cat-M1") : "Wi-Fi");
        signal.put("strength", round(40 + r.nextDouble() * 55));
        signal.put("strength_units", "%");
        signal.put("quality", round(30 + r.nextDouble() * 60));
        signal.put("quality_units", "%");
        connection(network.putObject("connection"), d.connected, r.nextInt(4));
    }

    private static void connection(ObjectNode connection, boolean connected, int disconnects) {
        connection.put("status", connected ? "connected" : "disconnected");
        connection.put("error", 0);
        connection.put("disconnects", disconnects);
        connection.put("attempts", 1);
        connection.put("disconnect_reason", "none");
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

}
