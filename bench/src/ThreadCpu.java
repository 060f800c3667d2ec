import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of a child JVM split by thread name (Linux: /proc/pid/task/tid/comm and stat), so a CPU figure can say
 * where it went: JIT compiler, GC, the engine's threads, HTTP workers, the event stream reader. Thread names are
 * truncated to 15 characters by the kernel; digits are folded so a pool's threads form one group.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final Map<String, Long> ticks;

    /** Of {@link #ticks}, those spent in the kernel (system calls: sockets, futexes). */
    private final Map<String, Long> systemTicks;

    private ThreadCpu(Map<String, Long> ticks, Map<String, Long> systemTicks) {
        this.ticks = ticks;
        this.systemTicks = systemTicks;
    }

    static ThreadCpu snapshot(long pid) {
        Map<String, Long> byGroup = new HashMap<>();
        Map<String, Long> system = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("\\d+", "#");
                    long[] cpu = userAndSystemTicks(Files.readString(task.resolve("stat")));
                    byGroup.merge(name, cpu[0] + cpu[1], Long::sum);
                    system.merge(name, cpu[1], Long::sum);
                }
                catch (Exception gone) {
                    // the thread ended between the listing and the read: its time is lost to both snapshots
                }
            });
        }
        catch (Exception ex) {
            return new ThreadCpu(Map.of(), Map.of());
        }
        return new ThreadCpu(byGroup, system);
    }

    /**
     * The groups that used the most CPU since {@code before}, as "name seconds (share of the total, share of the
     * group's time in the kernel)" separated by "; ".
     */
    String since(ThreadCpu before, int top) {
        Map<String, Long> delta = new HashMap<>();
        Map<String, Long> sys = new HashMap<>();
        ticks.forEach((k, v) -> delta.put(k, v - before.ticks.getOrDefault(k, 0L)));
        systemTicks.forEach((k, v) -> sys.put(k, v - before.systemTicks.getOrDefault(k, 0L)));
        long total = Math.max(1, delta.values().stream().mapToLong(Long::longValue).sum());
        return delta.entrySet().stream().filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
            .map(e -> String.format("%s %.1f s (%.0f %%, sys %.0f %%)", e.getKey(), e.getValue() / TICKS_PER_SECOND,
                    100.0 * e.getValue() / total, 100.0 * sys.getOrDefault(e.getKey(), 0L) / e.getValue()))
            .collect(Collectors.joining("; "));
    }

    /** CPU seconds of all threads in this snapshot. */
    double seconds() {
        return ticks.values().stream().mapToLong(Long::longValue).sum() / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds used so far by the local PostgreSQL's processes (every process named {@code postgres}: the backends
     * of all sessions, the WAL writer, the checkpointer); a delta over a phase is the database's share of its work.
     * Backends that end inside the phase take their time with them, so a phase should keep its connections.
     */
    static double postgresSeconds() {
        long sum = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        long[] cpu = userAndSystemTicks(stat);
                        sum += cpu[0] + cpu[1];
                    }
                }
                catch (Exception gone) {
                    // ended between the listing and the read
                }
            }
        }
        catch (Exception ex) {
            return 0;
        }
        return sum / TICKS_PER_SECOND;
    }

    /** utime and stime of a {@code /proc/…/stat} line (fields 14 and 15; the name before them may hold spaces). */
    private static long[] userAndSystemTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] { Long.parseLong(f[11]), Long.parseLong(f[12]) };
    }

}
