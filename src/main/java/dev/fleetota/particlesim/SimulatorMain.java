package dev.fleetota.particlesim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone simulator for benchmarks: {@code java -jar fleet-ota.jar --simulator --devices=100000 --port=9090
 * --seed=42 --time-scale=10 --token=…}. Prints the base URL, token and product id, then runs until killed.
 * Options: docs/simulator.md.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    /** Runs the simulator when the first argument is {@code --simulator}; returns whether it did. */
    public static boolean handles(String[] args) {
        if (args.length == 0 || !"--simulator".equals(args[0])) {
            return false;
        }
        main(args);
        return true;
    }

    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        if (options.containsKey("help")) {
            System.out.println(usage());
            return;
        }
        SimulatorSettings settings = settings(options);
        ParticleSimulator sim = ParticleSimulator.start(settings);
        if (!options.containsKey("no-firmware")) {
            sim.seedDemoFirmware();
        }
        long started = System.nanoTime();
        sim.seedFleet(Integer.parseInt(options.getOrDefault("devices", "300")));
        long seededMillis = (System.nanoTime() - started) / 1_000_000;
        printBanner(sim, seededMillis);
        awaitShutdown(sim);
    }

    private static void printBanner(ParticleSimulator sim, long seededMillis) {
        System.out.println("Particle simulator running");
        System.out.println("  base URL:   " + sim.baseUrl());
        System.out.println("  token:      " + sim.accessToken());
        System.out.println("  product id: " + sim.productId() + " (slug " + sim.productSlug() + ")");
        System.out.println("  devices:    " + sim.deviceCount() + " (seeded in " + seededMillis + " ms), seed "
                + sim.settings().seed() + ", time scale " + sim.settings().timeScale());
        System.out.println("  admin API:  " + sim.baseUrl() + "/sim");
    }

    private static void awaitShutdown(ParticleSimulator sim) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "particle-sim-shutdown"));
        try {
            stopped.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    static SimulatorSettings settings(Map<String, String> o) {
        SimulatorSettings.Builder b = SimulatorSettings.builder()
                .host(o.getOrDefault("host", "127.0.0.1"))
                .port(Integer.parseInt(o.getOrDefault("port", "9090")))
                .seed(Long.parseLong(o.getOrDefault("seed", "42")))
                .timeScale(Double.parseDouble(o.getOrDefault("time-scale", "1")))
                .productId(Integer.parseInt(o.getOrDefault("product", "30301")))
                .strict(o.containsKey("strict"))
                .httpThreads(Integer.parseInt(o.getOrDefault("http-threads", "8")));
        if (o.containsKey("product-slug")) {
            b.productSlug(o.get("product-slug"));
        }
        if (o.containsKey("token")) {
            b.accessToken(o.get("token"));
        }
        if (o.containsKey("demo-faults")) {
            b.faultProbabilities(SimulatorSettings.FaultProbabilities.DEMO);
        }
        SimulatorSettings.RateLimits p = SimulatorSettings.RateLimits.PARTICLE;
        b.rateLimits(new SimulatorSettings.RateLimits(
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("rate-window-seconds", "300"))),
                Integer.parseInt(o.getOrDefault("rate-limit", String.valueOf(p.requestsPerWindow()))),
                Integer.parseInt(o.getOrDefault("sse-opens", String.valueOf(p.sseOpensPerWindow()))),
                Integer.parseInt(o.getOrDefault("sse-concurrent", String.valueOf(p.sseMaxConcurrent())))));
        if (o.containsKey("max-per-page")) {
            b.maxPerPage(Integer.parseInt(o.get("max-per-page")));
        }
        int devices = Integer.parseInt(o.getOrDefault("devices", "300"));
        b.timelineCapacity(Integer.parseInt(o.getOrDefault("timeline", devices >= 10_000 ? "16" : "64")));
        return b.build();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.equals("--simulator")) {
                continue;
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        return options;
    }

    private static String usage() {
        return """
                java -jar fleet-ota.jar --simulator [options]
                  --devices=N              simulated devices (default 300)
                  --port=P                 HTTP port (default 9090; 0 = any free port)
                  --host=H                 bind address (default 127.0.0.1)
                  --seed=S                 random seed (default 42)
                  --time-scale=F           divide every simulated duration by F (default 1)
                  --token=T                access token to accept (default: random, printed)
                  --product=ID             product id (default 30301)   --product-slug=SLUG
                  --strict                 no stream realism (duplicates, reordering, ttl strings)
                  --demo-faults            assign failure behaviours with the demo probabilities
                  --rate-limit=N           requests per client IP and window (default 10000)
                  --rate-window-seconds=S  rate-limit window (default 300)
                  --sse-opens=N            stream opens per IP and window (default 100)
                  --sse-concurrent=N       concurrent streams per IP (default 100)
                  --max-per-page=N         largest device-list page (default 100)
                  --timeline=N             events kept per device for /sim (default 64, 16 from 10,000 devices; 0 = none)
                  --http-threads=N         HTTP worker threads (default 8)
                  --no-firmware            do not seed the demo firmware v1–v4
                """;
    }

}
