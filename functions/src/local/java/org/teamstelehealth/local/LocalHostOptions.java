package org.teamstelehealth.local;

import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How to start a {@link LocalHost}. {@link #fromProject()} is what {@code scripts/run-local.sh} runs;
 * {@link #forTests(Map)} starts on a free port from the given values only, against the tests' Azurite.
 * Setters return this options object.
 */
public final class LocalHostOptions {
    public static final String DEFAULT_PACKAGE = "org.teamstelehealth";
    private static final java.time.Duration TEST_POLLING = java.time.Duration.ofMillis(250);

    private Path projectRoot;
    private Map<String, String> values;
    private Map<String, String> environment = Map.of();
    private Integer httpPort;
    private List<String> packages = List.of(DEFAULT_PACKAGE);
    private boolean includeTestClasses;
    private boolean startAzurite;
    private boolean standIns = true;
    private boolean warmUp;
    private final List<StandIn> extraStandIns = new java.util.ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private UnaryOperator<QueueOptions> queueOptions = UnaryOperator.identity();
    private FunctionInstanceInjector injector;
    private PrintStream out = System.out;

    private LocalHostOptions() {}

    /**
     * As Core Tools: {@code local.settings.json} (copied from the sample if missing) under the
     * environment, its port (7071 by default), Azurite on 10001/10002 when storage is
     * {@code UseDevelopmentStorage=true}.
     */
    public static LocalHostOptions fromProject() {
        LocalHostOptions options = new LocalHostOptions();
        options.environment = System.getenv();
        options.startAzurite = true;
        options.warmUp = true;
        return options;
    }

    /**
     * Exactly {@code values} (no file, no environment) on a free port; {@code UseDevelopmentStorage=true}
     * means the tests' shared Azurite. Empty queues are polled at least every 250 ms so tests do not
     * wait on host.json's back-off; everything else in host.json applies.
     */
    public static LocalHostOptions forTests(Map<String, String> values) {
        LocalHostOptions options = new LocalHostOptions();
        options.values = new HashMap<>(values);
        options.httpPort = 0;
        options.queueOptions = q -> q.maxPollingInterval().compareTo(TEST_POLLING) > 0 ? q.withMaxPollingInterval(TEST_POLLING) : q;
        return options;
    }

    /** The folder with host.json and local.settings.json; the Maven project root by default. */
    public LocalHostOptions projectRoot(Path root) {
        this.projectRoot = root;
        return this;
    }

    /** Settings values to use instead of local.settings.json's {@code Values}. */
    public LocalHostOptions values(Map<String, String> values) {
        this.values = values == null ? null : new HashMap<>(values);
        return this;
    }

    /** Values laid over the settings, as environment variables are. */
    public LocalHostOptions environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** The HTTP port; 0 picks a free one. */
    public LocalHostOptions httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    /** Packages scanned for {@code @FunctionName} methods (default {@value #DEFAULT_PACKAGE}). */
    public LocalHostOptions packages(String... packages) {
        this.packages = List.of(packages);
        return this;
    }

    /** Also scan test output directories (for test fixtures); off by default so test fakes never run. */
    public LocalHostOptions includeTestClasses(boolean include) {
        this.includeTestClasses = include;
        return this;
    }

    /** Start (or reuse) Azurite on ports 10001/10002 with data in {@code .azurite/}, instead of the tests' shared one. */
    public LocalHostOptions startAzurite(boolean start) {
        this.startAzurite = start;
        return this;
    }

    /** Start the {@link StandIn}s registered through ServiceLoader (on by default). */
    public LocalHostOptions standIns(boolean start) {
        this.standIns = start;
        return this;
    }

    /**
     * Once listening and idle, run the app's warmup-trigger function in the background, as Azure does on an instance
     * added to scale out (here {@code WarmupFunction}: the Graph client, its token from Entra or the stand-in, the
     * tables an appointment writes, a rehearsed booking). On for
     * {@link #fromProject()}, off for {@link #forTests} so that a test's stand-ins see only the requests it causes.
     */
    public LocalHostOptions warmUp(boolean warmUp) {
        this.warmUp = warmUp;
        return this;
    }

    /**
     * A stand-in to start after the ServiceLoader-registered ones (even when those are off), e.g. a
     * test's own; the host closes it when it stops.
     */
    public LocalHostOptions addStandIn(StandIn standIn) {
        this.extraStandIns.add(Objects.requireNonNull(standIn));
        return this;
    }

    /** The clock handed to the {@code Application}; timers and queue polling keep to real time. */
    public LocalHostOptions clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /**
     * Adjusts the queue options read from host.json (after any earlier adjustment), e.g.
     * {@code q -> q.withVisibilityTimeout(Duration.ofSeconds(1))}.
     */
    public LocalHostOptions queueOptions(UnaryOperator<QueueOptions> adjust) {
        Objects.requireNonNull(adjust);
        UnaryOperator<QueueOptions> before = this.queueOptions;
        this.queueOptions = q -> adjust.apply(before.apply(q));
        return this;
    }

    /** Makes function objects instead of the worker's ServiceLoader-found injector. */
    public LocalHostOptions injector(FunctionInstanceInjector injector) {
        this.injector = injector;
        return this;
    }

    /** Where the banner and invocation log lines go (System.out by default). */
    public LocalHostOptions out(PrintStream out) {
        this.out = Objects.requireNonNull(out);
        return this;
    }

    Path projectRoot() {
        return projectRoot != null ? projectRoot : Azurite.projectRoot();
    }

    Map<String, String> values() {
        return values;
    }

    Map<String, String> environment() {
        return environment;
    }

    Integer httpPort() {
        return httpPort;
    }

    List<String> packages() {
        return packages;
    }

    boolean includeTestClasses() {
        return includeTestClasses;
    }

    boolean startAzurite() {
        return startAzurite;
    }

    boolean standIns() {
        return standIns;
    }

    boolean warmUp() {
        return warmUp;
    }

    List<StandIn> extraStandIns() {
        return List.copyOf(extraStandIns);
    }

    Clock clock() {
        return clock;
    }

    UnaryOperator<QueueOptions> queueOptions() {
        return queueOptions;
    }

    FunctionInstanceInjector injector() {
        return injector;
    }

    PrintStream out() {
        return out;
    }
}
