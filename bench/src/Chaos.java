import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fault injection (issue 6): runs the selected scenarios, each against a fresh simulator and database, checks design
 * §4's invariants against the simulator's ground truth ({@link Invariants}) and ends with the line
 * {@code N runs, V invariant violations}; exit 1 if V > 0. A scenario that crashes counts as one violation.
 *
 * <p>Usage: {@code Chaos [short|full] [kill,two,drops,storms,fuzz]} (default: short, all). Options (system
 * properties): {@code chaos.runs} (runs of each scenario), {@code chaos.seed}, {@code chaos.timeScale},
 * {@code chaos.db} (database name, default {@code fleetota_bench_chaos}; give concurrent runs distinct names), and
 * per scenario {@code chaos.devices} / {@code chaos.kills} (kill), {@code chaos.two.devices} /
 * {@code chaos.two.kills}, {@code chaos.drops.devices}, {@code chaos.storms.devices}.
 */
public final class Chaos {

    static final List<String> ALL = List.of("kill", "two", "drops", "storms", "fuzz");

    final boolean full;

    final double timeScale;

    final Random random;

    final String db;

    final Invariants invariants = new Invariants();

    private Chaos(boolean full, double timeScale, long seed, String db) {
        this.full = full;
        this.timeScale = timeScale;
        this.random = new Random(seed);
        this.db = db;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : System.getProperty("chaos.mode", "short");
        boolean full = "full".equals(mode);
        List<String> selected = args.length > 1 ? Arrays.asList(args[1].split(","))
                : Arrays.asList(System.getProperty("chaos.scenarios", String.join(",", ALL)).split(","));
        for (String s : selected) {
            if (!ALL.contains(s)) {
                System.err.println("unknown scenario " + s + "; known: " + ALL);
                System.exit(2);
            }
        }
        int runs = Integer.getInteger("chaos.runs", 1);
        double timeScale = Double.parseDouble(System.getProperty("chaos.timeScale", full ? "100" : "200"));
        long seed = Long.getLong("chaos.seed", System.currentTimeMillis());
        String db = System.getProperty("chaos.db", "fleetota_bench_chaos");
        System.out.printf("chaos: %s mode, scenarios %s, %d run(s) each, time scale %.0f, seed %d, database %s%n",
                full ? "full" : "short", String.join(",", selected), runs, timeScale, seed, db);
        Chaos chaos = new Chaos(full, timeScale, seed, db);
        long started = System.currentTimeMillis();
        int done = 0;
        for (String scenario : selected) {
            for (int run = 1; run <= runs; run++) {
                String name = runs == 1 ? scenario : scenario + "#" + run;
                done += chaos.run(scenario, name) ? 1 : 0;
            }
        }
        System.out.printf("chaos: %d s in all%n", (System.currentTimeMillis() - started) / 1000);
        System.out.printf("%d runs, %d invariant violations%n", done, chaos.invariants.count());
        System.exit(chaos.invariants.count() == 0 ? 0 : 1);
    }

    /** Runs one scenario; false when it did not run at all (the fuzzer is not there). */
    private boolean run(String scenario, String name) {
        long started = System.currentTimeMillis();
        try {
            switch (scenario) {
                case "kill" -> ChaosKill.run(this, name);
                case "two" -> ChaosTwoInstances.run(this, name);
                case "drops" -> ChaosStreamDrops.run(this, name);
                case "storms" -> ChaosStorms.run(this, name);
                default -> {
                    return fuzz(name);
                }
            }
        }
        catch (Exception | AssertionError ex) {
            invariants.violation(name, "scenario failed after " + (System.currentTimeMillis() - started) / 1000
                    + " s: " + ex);
            ex.printStackTrace(System.out);
        }
        return true;
    }

    /**
     * The bad-input fuzzer (issue 6 §fault 5, {@link Fuzz}) against a simulator and service of its own: its
     * violations count here. Short mode sends 20 cases per operation, full mode 120 (seeded by the chaos seed).
     */
    private boolean fuzz(String name) throws Exception {
        int cases = option("chaos.fuzz.cases", 20, 120);
        long found = Fuzz.standalone(random.nextLong(), cases);
        for (long i = 0; i < found; i++) {
            invariants.violation(name, "fuzz violation " + (i + 1) + " (details above)");
        }
        System.out.println(name + ": fuzz run, " + found + " violations");
        return true;
    }

    int option(String property, int shortValue, int fullValue) {
        return Integer.getInteger(property, full ? fullValue : shortValue);
    }

    /** A seeded pause of {@code min}..{@code max} ms. */
    void pause(int min, int max) throws InterruptedException {
        Thread.sleep(min + random.nextInt(Math.max(1, max - min)));
    }

    long rolloutTimeout() {
        return full ? 900_000 : 240_000;
    }

}
