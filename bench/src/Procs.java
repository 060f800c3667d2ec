import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the simulator and service jars as child processes (loopback only) and waits until they answer. */
final class Procs {

    static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

    static final String SIM_TOKEN = "0123456789abcdef0123456789abcdef01234567";

    static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));

    /** How long a service start may take (bench.startTimeout, seconds): ~20 s idle, minutes on a crowded machine. */
    static final long START_TIMEOUT_MILLIS = Long.getLong("bench.startTimeout", 300) * 1000;

    private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        // timeout(1) or Ctrl-C: never leave a simulator or service behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
    }

    private Procs() {
    }

    static String jar() {
        return System.getProperty("bench.jar", "target/fleet-ota-0.1.0-SNAPSHOT.jar");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
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
        Http http = new Http("http://127.0.0.1:" + port, null);
        waitUntil(p, () -> http.get("/sim").status() == 200, 90_000, "simulator");
        return p;
    }

    /** One service instance against the given database and simulator. */
    static Process service(String name, int port, String jdbcUrl, int simPort, List<String> jvm, String... extra)
            throws IOException, InterruptedException {
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
        Process p = start(cmd, "service-" + name);
        Http http = new Http("http://127.0.0.1:" + port, ADMIN_TOKEN);
        waitUntil(p, () -> http.get("/api/v1/rollouts").status() == 200, START_TIMEOUT_MILLIS, "service " + name);
        return p;
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
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    static void dropDatabase(String name) throws IOException, InterruptedException {
        psql("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitUntil(Process p, Check check, long timeoutMillis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (!p.isAlive()) {
                throw new IllegalStateException(what + " exited with " + p.exitValue() + "; see " + OUT);
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
        throw new IllegalStateException(what + " not ready within " + timeoutMillis + " ms");
    }

    private static Process start(List<String> cmd, String log) throws IOException {
        Files.createDirectories(OUT);
        File file = OUT.resolve(log + ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(file)).start();
        STARTED.add(p);
        return p;
    }

}
