package org.teamstelehealth.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fires timer-triggered functions on their NCRONTAB schedules, never two runs of one function at
 * once (a run still going when the next is due skips that occurrence, as Azure's singleton lock does).
 */
final class TimerScheduler implements AutoCloseable {
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(HttpFunctionServer.daemon("timer"));
    private final ExecutorService workers = Executors.newCachedThreadPool(HttpFunctionServer.daemon("timer-run"));
    private final List<Timer> timers = new ArrayList<>();
    private final Clock clock;
    private final ZoneId zone;
    private final FunctionInvoker invoker;
    private final Activity activity;
    private volatile boolean running = true;

    /** One scheduled function, with its parsed schedule. */
    record Timer(FunctionDefinition function, NCrontab schedule, AtomicBoolean busy) {}

    TimerScheduler(Clock clock, ZoneId zone, FunctionInvoker invoker, Activity activity) {
        this.clock = clock;
        this.zone = zone;
        this.invoker = invoker;
        this.activity = activity;
    }

    void add(FunctionDefinition function, NCrontab schedule) {
        Timer timer = new Timer(function, schedule, new AtomicBoolean());
        timers.add(timer);
        scheduleNext(timer, clock.instant(), null);
    }

    /** When the function runs next, for the banner. */
    static Instant nextRun(NCrontab schedule, Clock clock, ZoneId zone) {
        return schedule.next(clock.instant(), zone).orElse(null);
    }

    private void scheduleNext(Timer timer, Instant after, Instant last) {
        if (!running) {
            return;
        }
        Instant due = timer.schedule().next(after, zone).orElse(null);
        if (due == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
        ticker.schedule(() -> fire(timer, due, last), delay, TimeUnit.MILLISECONDS);
    }

    private void fire(Timer timer, Instant due, Instant last) {
        scheduleNext(timer, due, due);
        if (!timer.busy().compareAndSet(false, true)) {
            activity.log("Timer '" + timer.function().name() + "' is still running; skipping the run due at " + due);
            return;
        }
        workers.execute(() -> {
            activity.started();
            LocalExecutionContext context = new LocalExecutionContext(timer.function().name());
            long started = System.nanoTime();
            try {
                invoker.invoke(timer.function(), timerInfo(timer, due, last), Map.of(), context);
                activity.log("Executed '" + timer.function().name() + "' (Succeeded, Id=" + context.getInvocationId()
                        + ", Duration=" + (System.nanoTime() - started) / 1_000_000 + "ms)");
            } catch (RuntimeException e) {
                activity.log("Executed '" + timer.function().name() + "' (Failed, Id=" + context.getInvocationId()
                        + "): " + HttpFunctionServer.failure(e));
            } finally {
                timer.busy().set(false);
                activity.finished();
            }
        });
    }

    /** The JSON the Functions host passes to a Java timer trigger. */
    private String timerInfo(Timer timer, Instant due, Instant last) {
        Instant now = clock.instant();
        Instant next = timer.schedule().next(due, zone).orElse(null);
        boolean pastDue = Duration.between(due, now).compareTo(Duration.ofSeconds(5)) > 0;
        return "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{\"Last\":" + quoted(last)
                + ",\"Next\":" + quoted(next) + ",\"LastUpdated\":" + quoted(now) + "},\"IsPastDue\":" + pastDue + "}";
    }

    private String quoted(Instant instant) {
        return instant == null ? "null" : "\"" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone)) + "\"";
    }

    @Override
    public void close() {
        running = false;
        ticker.shutdownNow();
        workers.shutdown();
        HttpFunctionServer.awaitTermination(workers);
        workers.shutdownNow();
    }
}
