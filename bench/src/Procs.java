import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Starts the simulator and service jars as child processes (loopback only) and waits until they answer. */
final class Procs {

    static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

    static final String SIM_TOKEN = "0123456789abcdef0123456789abcdef01234567";

    static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));

    /** How long a service start may take (bench.startTimeout, seconds): ~20 s idle, minutes on a crowded machine. */
    static final long START_TIMEOUT_MILLIS = Long.getLong("bench.startTimeout", 300) * 1000;

    /** Timeout of one readiness request: a poll must not hang on a listener that never answers. */
    private static final java.time.Duration POLL_TIMEOUT = java.time.Duration.ofSeconds(10);

    private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Each child's log file and its length when the child started (the log is appended to across restarts). */
    private static final Map<Process, Map.Entry<Path, Long>> LOGS = new ConcurrentHashMap<>();

    /** Ports handed out by {@link #freePort} in this JVM: never handed out twice. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static final Random PORTS = new Random();

    /** Where {@link #freePort} picks from: below the kernel's ephemeral range, above the well-known services. */
    private static final int PORTS_FROM = 10_000;

    static {
        // timeout(1) or Ctrl-C: never leave a simulator or service behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
    }

    private Procs() {
    }

    static String jar() {
        return System.getProperty("bench.jar", "target/fleet-ota-0.1.0-SNAPSHOT.jar");
    }

    /**
     * A port nothing listens on, for a child to bind seconds to minutes later (when its start gets that far). Picked
     * below the kernel's ephemeral range (ip_local_port_range), never twice in one harness run: a port from
     * {@code new ServerSocket(0)} is an ephemeral one, and once closed, the kernel may give it to any other bind(0)
     * (another harness) or outgoing connection of the machine (the JDBC pools, psql, HTTP clients) before the child
     * binds it; the child then fails its start with "Port … already in use".
     */
    static int freePort() throws IOException {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = PORTS_FROM + PORTS.nextInt(below - PORTS_FROM);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IOException("no free port in " + PORTS_FROM + ".." + (below - 1));
    }

    /** The first ephemeral port (readAllLines: Files.readString reads a /proc file as its first byte only). */
    private static int ephemeralRangeStart() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (!Files.exists(range)) {
            return 32768;
        }
        int start = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
        return Math.max(start, PORTS_FROM + 1000);
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException inUse) {
            return false;
        }
    }

    /** The standalone simulator; extra options as in docs/simulator.md. */
    static Process simulator(int port, int devices, double timeScale, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g", "-XX:+UseSerialGC", "-jar", jar(),
                "--simulator", "--devices=" + devices, "--port=" + port, "--seed=42", "--time-scale=" + timeScale,
                "--token=" + SIM_TOKEN));
        cmd.addAll(List.of(extra));
        Process p = start(cmd, "simulator-" + port);
        Http http = new Http("http://127.0.0.1:" + port, null, POLL_TIMEOUT);
        awaitStart(p, () -> http.get("/sim").status() == 200, 90_000, "simulator");
        return p;
    }

    /** One service instance against the given database and simulator. */
    static Process service(String name, int port, String jdbcUrl, int simPort, List<String> jvm, String... extra)
            throws IOException, InterruptedException {
        Process p = start(serviceCommand(name, port, jdbcUrl, simPort, jvm, extra), "service-" + name);
        waitUntilReady(p, port, START_TIMEOUT_MILLIS, "service " + name);
        return p;
    }

    /** The command line of one service instance: JVM options, the harness's settings, extra, bench.serviceArgs. */
    static List<String> serviceCommand(String name, int port, String jdbcUrl, int simPort, List<String> jvm,
            String... extra) {
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar(), "--server.port=" + port, "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--fleetota.simulator.enabled=false", "--fleetota.particle.base-url=http://127.0.0.1:" + simPort,
                "--fleetota.particle.access-token=" + SIM_TOKEN, "--fleetota.particle.product=30301",
                "--fleetota.security.admin-token=" + ADMIN_TOKEN, "--fleetota.events.stream.instance-id=" + name,
                "--fleetota.rollout.instance-id=" + name, "--fleetota.events.stream.keep-alive-timeout=PT5S",
                "--fleetota.sync.reconnect-debounce=PT1S", "--fleetota.sync.interval=PT1H"));
        cmd.addAll(List.of(extra));
        // e.g. -Dbench.serviceArgs="--fleetota.events.intake.batch-size=2000": settings tried without a rebuild
        java.util.Arrays.stream(System.getProperty("bench.serviceArgs", "").split(" ")).filter(a -> !a.isBlank())
            .forEach(cmd::add);
        return cmd;
    }

    /**
     * Waits until the instance started as {@code p} on {@code port} has finished its start: its readiness probe
     * answers 200 (Spring sets it after the application runners, e.g. the first admin token) and the API accepts the
     * admin token. The API alone is not enough: with two instances on one database it answers 200 as soon as the
     * other instance created the token, while this one may still fail its start.
     */
    static void waitUntilReady(Process p, int port, long timeoutMillis, String what) throws InterruptedException {
        Http http = new Http("http://127.0.0.1:" + port, ADMIN_TOKEN, POLL_TIMEOUT);
        awaitStart(p, () -> http.get("/actuator/health/readiness").status() == 200
                && http.get("/api/v1/rollouts").status() == 200, timeoutMillis, what);
    }

    /** SIGKILL (destroyForcibly is kill -9 on Linux) and wait for the process to be gone. */
    static void kill9(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor();
    }

    static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill9(p);
            }
        }
    }

    static void psql(String db, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-v",
                "ON_ERROR_STOP=1", "-q", "-c", sql).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
    }

    static String psqlValue(String db, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-At", "-c", sql)
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
        return out;
    }

    /** Drops and creates a database of its own on the local PostgreSQL; returns the JDBC URL. */
    static String freshDatabase(String name) throws IOException, InterruptedException {
        psql("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        psql("postgres", "CREATE DATABASE " + name);
        // e.g. -Dbench.dbSettings="log_min_duration_statement=0" (settings separated by ';'): for the run's database
        // only (its new sessions), here to see every statement's server time in the server log
        for (String setting : System.getProperty("bench.dbSettings", "").split(";")) {
            if (setting.contains("=")) {
                String[] kv = setting.split("=", 2);
                psql("postgres", "ALTER DATABASE " + name + " SET " + kv[0].trim() + " = '" + kv[1].trim() + "'");
            }
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    static void dropDatabase(String name) throws IOException, InterruptedException {
        psql("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Polls {@code check} until it holds; fails fast, with the end of the child's log, when the child exits. */
    static void waitUntil(Process p, Check check, long timeoutMillis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (!p.isAlive()) {
                throw new IllegalStateException(what + " exited with " + p.exitValue() + "; its log ends:\n"
                        + logTail(p, 25));
            }
            try {
                if (check.ok()) {
                    return;
                }
            }
            catch (Exception ignored) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " not ready within " + timeoutMillis + " ms; its log ends:\n"
                + logTail(p, 25));
    }

    /** {@link #waitUntil} for a child being started: one that does not come up is killed, not left behind. */
    private static void awaitStart(Process p, Check ready, long timeoutMillis, String what)
            throws InterruptedException {
        try {
            waitUntil(p, ready, timeoutMillis, what);
        }
        catch (IllegalStateException notReady) {
            kill9(p);
            throw notReady;
        }
    }

    /** The last {@code lines} lines {@code p} wrote to its log since it started. */
    static String logTail(Process p, int lines) {
        Map.Entry<Path, Long> log = LOGS.get(p);
        if (log == null) {
            return "(no log)";
        }
        try {
            byte[] all = Files.readAllBytes(log.getKey());
            int from = (int) Math.min(all.length, log.getValue());
            List<String> own = new String(all, from, all.length - from).lines().toList();
            return String.join("\n", own.subList(Math.max(0, own.size() - lines), own.size())) + "\n(" + log.getKey()
                    + ")";
        }
        catch (IOException ex) {
            return "(log unreadable: " + ex + ")";
        }
    }

    private static Process start(List<String> cmd, String log) throws IOException {
        Files.createDirectories(OUT);
        File file = OUT.resolve(log + ".log").toFile();
        long offset = file.length();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(file)).start();
        STARTED.add(p);
        LOGS.put(p, Map.entry(file.toPath(), offset));
        return p;
    }

}
