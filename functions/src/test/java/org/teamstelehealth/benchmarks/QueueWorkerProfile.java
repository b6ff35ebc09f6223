package org.teamstelehealth.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A sampling profile of the local host's queue workers while a benchmark runs (thread dumps of this JVM every few
 * milliseconds, as {@code jstack} would take them): how many of each queue's workers are busy (the in-flight count
 * the poller really keeps), what a busy appointments worker waits on (Graph, a table call, a queue call, or running
 * code), in which method of ours, and what the poller thread does. Also CPU seconds per thread pool, and Azurite's.
 * Not a test; used by {@link PipelineBenchmark} with its {@code profile} argument.
 */
final class QueueWorkerProfile implements AutoCloseable {
    private static final String WORKER = "local-queue-";
    private static final String POLLER = "local-poll-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Duration every;
    private final Thread sampler;
    private volatile boolean running = true;
    private int samples;
    /** queue -> busy worker count -> samples. */
    private final Map<String, Map<Integer, Integer>> busy = new TreeMap<>();
    /** "wait kind | our innermost method" -> samples, over busy appointments workers. */
    private final Map<String, Integer> appointmentSites = new HashMap<>();
    private final Map<String, Integer> appointmentKinds = new TreeMap<>();
    private final Map<String, Integer> pollerStates = new TreeMap<>();
    /** Busy appointments workers per second of the run, to see the in-flight count over time. */
    private final List<int[]> perSecond = new ArrayList<>();
    private final Map<Long, Long> cpuAtStart = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final long azuriteCpuAtStart;
    private final long processCpuAtStart;
    private final long startedNanos = System.nanoTime();
    private final long gcMillisAtStart = gcMillis();
    private final long jitMillisAtStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    private final Map<Long, Long> allocatedAtStart = new ConcurrentHashMap<>();
    private final Map<String, Long> nativeTicksAtStart = nativeThreadTicks();

    QueueWorkerProfile(Duration every) {
        this.every = every;
        for (long id : threads.getAllThreadIds()) {
            cpuAtStart.put(id, Math.max(0, threads.getThreadCpuTime(id)));
            allocatedAtStart.put(id, Math.max(0, allocated(id)));
        }
        azuriteCpuAtStart = childrenCpuNanos();
        processCpuAtStart = processCpuNanos();
        sampler = new Thread(this::sample, "benchmark-profile");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        long next = System.nanoTime();
        while (running) {
            takeSample();
            next += every.toNanos();
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private synchronized void takeSample() {
        samples++;
        Map<String, Integer> busyNow = new HashMap<>();
        for (ThreadInfo info : threads.dumpAllThreads(false, false, 48)) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            names.putIfAbsent(info.getThreadId(), name);
            if (name.startsWith(POLLER)) {
                pollerStates.merge(name.substring(POLLER.length()) + " " + pollerState(info.getStackTrace()), 1, Integer::sum);
            }
            if (!name.startsWith(WORKER)) {
                continue;
            }
            String queue = name.substring(WORKER.length(), name.lastIndexOf('-'));
            StackTraceElement[] stack = info.getStackTrace();
            if (idle(stack)) {
                busyNow.putIfAbsent(queue, 0);
                continue;
            }
            busyNow.merge(queue, 1, Integer::sum);
            if (queue.equals("appointments")) {
                String kind = kind(stack, info.getThreadState());
                appointmentKinds.merge(kind, 1, Integer::sum);
                appointmentSites.merge(kind + " | " + site(stack), 1, Integer::sum);
            }
        }
        busyNow.forEach((queue, count) -> busy.computeIfAbsent(queue, q -> new TreeMap<>()).merge(count, 1, Integer::sum));
        int second = (int) ((System.nanoTime() - startedNanos) / 1_000_000_000L);
        while (perSecond.size() <= second) {
            perSecond.add(new int[2]);
        }
        perSecond.get(second)[0] += busyNow.getOrDefault("appointments", 0);
        perSecond.get(second)[1]++;
    }

    private static boolean idle(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor") && frame.getMethodName().equals("getTask")) {
                return true;
            }
        }
        return false;
    }

    /** What the topmost recognisable frame says the thread waits on. */
    private static String kind(StackTraceElement[] stack, Thread.State state) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.startsWith("okhttp3.") || c.startsWith("com.microsoft.kiota") || c.startsWith("com.microsoft.graph")) {
                return "graph";
            }
            if (c.startsWith("com.azure.data.tables")) {
                return "table";
            }
            if (c.startsWith("com.azure.storage.queue")) {
                return "queue";
            }
            if (c.startsWith("com.azure.identity") || c.startsWith("com.microsoft.aad.msal4j")) {
                return "token";
            }
        }
        return state == Thread.State.RUNNABLE ? "cpu" : "lock/" + state.name().toLowerCase(Locale.ROOT);
    }

    /** Our innermost method and its caller: where in the code the wait happens. */
    private static String site(StackTraceElement[] stack) {
        List<String> ours = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.startsWith("org.teamstelehealth.") && !c.contains("$$Lambda") && !c.contains(".local.")) {
                String simple = c.substring(c.lastIndexOf('.') + 1);
                String entry = simple + "." + frame.getMethodName();
                if (ours.isEmpty() || !ours.get(ours.size() - 1).equals(entry)) {
                    ours.add(entry);
                }
                if (ours.size() == 2) {
                    break;
                }
            } else if (ours.isEmpty() && c.equals("org.teamstelehealth.local.QueuePoller")) {
                return "QueuePoller." + frame.getMethodName();
            }
        }
        return ours.isEmpty() ? "(outside our code)" : String.join(" < ", ours);
    }

    private static String pollerState(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("org.teamstelehealth.local.QueuePoller")) {
                return switch (frame.getMethodName()) {
                    case "awaitThreshold" -> "waiting for the threshold";
                    case "poll" -> receiving(stack) ? "receiving" : "backing off (empty queue)";
                    default -> frame.getMethodName();
                };
            }
        }
        return "other";
    }

    private static boolean receiving(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("com.azure.storage.queue")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The profile as printable lines. */
    synchronized List<String> report(double seconds, int bookings) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "profile: %d samples every %d ms over %.1f s", samples, every.toMillis(), seconds));
        busy.forEach((queue, histogram) -> {
            int n = histogram.values().stream().mapToInt(Integer::intValue).sum();
            double mean = histogram.entrySet().stream().mapToDouble(e -> e.getKey() * (double) e.getValue()).sum() / n;
            lines.add(String.format(Locale.ROOT, "  busy '%s' workers: mean %.2f; histogram %s", queue, mean, histogram));
        });
        int total = appointmentKinds.values().stream().mapToInt(Integer::intValue).sum();
        lines.add("  busy appointments workers wait on: " + appointmentKinds.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f%%", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", ")));
        appointmentSites.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                .forEach(e -> lines.add(String.format(Locale.ROOT, "    %5.1f%%  %s", 100.0 * e.getValue() / total, e.getKey())));
        int polls = pollerStates.values().stream().mapToInt(Integer::intValue).sum();
        lines.add("  poller threads: " + pollerStates.entrySet().stream()
                .filter(e -> e.getKey().startsWith("appointments"))
                .map(e -> String.format(Locale.ROOT, "%s %.1f%%", e.getKey(), 100.0 * e.getValue()
                        / pollerStates.entrySet().stream().filter(p -> p.getKey().startsWith("appointments"))
                                .mapToInt(Map.Entry::getValue).sum()))
                .collect(Collectors.joining(", ")));
        lines.add("  busy appointments workers per second: " + perSecond.stream()
                .map(s -> s[1] == 0 ? "-" : String.format(Locale.ROOT, "%.1f", s[0] / (double) s[1]))
                .collect(Collectors.joining(" ")));
        Map<String, Double> cpu = new TreeMap<>();
        Map<String, Double> allocatedMb = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            long now = threads.getThreadCpuTime(id);
            if (now < 0) {
                continue;
            }
            String name = names.getOrDefault(id, String.valueOf(threads.getThreadInfo(id) == null ? "?"
                    : threads.getThreadInfo(id).getThreadName()));
            cpu.merge(pool(name), (now - cpuAtStart.getOrDefault(id, 0L)) / 1e9, Double::sum);
            allocatedMb.merge(pool(name), (allocated(id) - allocatedAtStart.getOrDefault(id, 0L)) / 1e6, Double::sum);
        }
        double jvm = (processCpuNanos() - processCpuAtStart) / 1e9;
        double azurite = (childrenCpuNanos() - azuriteCpuAtStart) / 1e9;
        lines.add(String.format(Locale.ROOT, "  CPU: this JVM %.1f s (%.1f ms per booking), Azurite %.1f s (%.1f ms per"
                + " booking), over %.1f s on %d cores", jvm, 1000 * jvm / bookings, azurite, 1000 * azurite / bookings,
                seconds, Runtime.getRuntime().availableProcessors()));
        lines.add("  CPU by thread pool (s): " + cpu.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
        Map<String, Long> nativeNow = nativeThreadTicks();
        Map<String, Double> byNative = new TreeMap<>();
        nativeNow.forEach((key, ticks) -> byNative.merge(key.substring(key.indexOf(' ') + 1),
                (ticks - nativeTicksAtStart.getOrDefault(key, 0L)) / 100.0, Double::sum));
        lines.add("  CPU by native thread name (s, /proc): " + byNative.entrySet().stream().filter(e -> e.getValue() >= 0.1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
        lines.add("  allocated by thread pool (MB): " + allocatedMb.entrySet().stream().filter(e -> e.getValue() >= 10)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
        lines.add(String.format(Locale.ROOT, "  GC pauses/cycles %.1f s, JIT compiling %.1f s (summed over compiler threads)",
                (gcMillis() - gcMillisAtStart) / 1e3,
                (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMillisAtStart) / 1e3));
        return lines;
    }

    private long allocated(long id) {
        return threads instanceof com.sun.management.ThreadMXBean sun ? sun.getThreadAllocatedBytes(id) : 0;
    }

    /** "tid pool" -> utime + stime in clock ticks, for every thread of this process, JIT and GC threads included. */
    private static Map<String, Long> nativeThreadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return ticks;
        }
        for (java.io.File task : tasks) {
            try {
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(task.getName() + " " + pool(comm), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return ticks;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static String pool(String name) {
        return name.replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-");
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long childrenCpuNanos() {
        return ProcessHandle.current().descendants().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos)
                .orElse(0L)).sum();
    }
}
