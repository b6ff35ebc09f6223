package org.teamstelehealth.local;

import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.bootstrap.Settings;
import org.teamstelehealth.bootstrap.StorageSettings;
import org.teamstelehealth.platform.SettingsException;

/**
 * The local Azure Functions host (Core Tools cannot be installed here): runs the same annotated
 * function classes Azure runs, with HTTP, queue and timer triggers, against Azurite and the local
 * {@link StandIn}s.
 *
 * <p>From a shell: {@code scripts/run-local.sh}. From a test:
 * <pre>{@code
 * try (LocalHost host = LocalHost.start(LocalHostOptions.forTests(TestSettings.values()))) {
 *     // call host.baseUrl() + "/api/...", then
 *     host.awaitQueueIdle("appointments", Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class LocalHost implements AutoCloseable {
    /** The key FUNCTION- and ADMIN-level routes need (header {@code x-functions-key} or query {@code code}). */
    public static final String FUNCTION_KEY_SETTING = "LOCAL_FUNCTION_KEY";
    public static final String TIME_ZONE_SETTING = "WEBSITE_TIME_ZONE";
    public static final int DEFAULT_PORT = 7071;
    public static final int AZURITE_QUEUE_PORT = 10001;
    public static final int AZURITE_TABLE_PORT = 10002;
    private static final String DEVELOPMENT_STORAGE = "UseDevelopmentStorage=true";
    private static final Pattern DISABLED_SETTING = Pattern.compile("AzureWebJobs\\.(.+)\\.Disabled", Pattern.CASE_INSENSITIVE);
    private static final Pattern SETTING_REFERENCE = Pattern.compile("%([^%]+)%");
    /** How long the first meeting's warm-up waits for running invocations to finish before it starts anyway. */
    private static final Duration WARM_UP_PATIENCE = Duration.ofSeconds(10);

    private final Consumer<String> log;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<StandIn> standIns = new ArrayList<>();
    private final Map<String, QueuePoller> pollers = new LinkedHashMap<>();
    private final List<String> banner = new ArrayList<>();
    private final Activity activity;
    private volatile Azurite azurite;
    private CompletableFuture<String> pendingStorage;
    /** The warm-up thread's work (see {@link #warmUp}). */
    private CompletableFuture<Void> warming;
    /** Completed once the host has served its first request; failed when it closes before that. */
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private Application application;
    private List<FunctionDefinition> functions = List.of();
    private Set<String> disabled = Set.of();
    private HttpFunctionServer http;
    private Map<String, String> values;
    private String functionKey;
    private long readyMillis;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private long phaseStarted;
    private volatile boolean closed;

    private LocalHost(PrintStream out) {
        this.log = line -> out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
        this.activity = new Activity(log);
    }

    public static void main(String[] args) {
        configureLogging();
        LocalHostOptions options = LocalHostOptions.fromProject();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--port")) {
                options.httpPort(Integer.parseInt(args[i + 1]));
            }
        }
        LocalHost host;
        try {
            host = start(options);
        } catch (SettingsException e) {
            System.err.println(settingsMessage(e));
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("Cannot start the local host: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local host...");
            host.close();
        }, "local-host-shutdown"));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request body limit the Functions host takes from its app setting, or its default. */
    static long bodyLimit(Map<String, String> values) {
        String value = values.get(HttpFunctionServer.BODY_LIMIT_SETTING);
        if (value == null || value.isBlank()) {
            return HttpFunctionServer.DEFAULT_BODY_LIMIT;
        }
        if (!value.trim().matches("[0-9]{1,18}")) {
            throw new IllegalStateException(HttpFunctionServer.BODY_LIMIT_SETTING + " must be a number of bytes");
        }
        return Long.parseLong(value.trim());
    }

    /** What start-up prints when settings are wrong: one line per bad setting, no stack trace. */
    static String settingsMessage(SettingsException e) {
        StringBuilder text = new StringBuilder("Cannot start: these settings are missing or not valid"
                + " (local.settings.json Values, or environment variables):");
        e.problems().forEach(p -> text.append(System.lineSeparator()).append("  - ").append(p));
        return text.toString();
    }

    /**
     * Starts the host and serves the first request before returning.
     *
     * @throws SettingsException naming each missing or malformed setting
     * @throws IllegalStateException when functions clash (same name or route) or cannot be bound
     */
    public static LocalHost start(LocalHostOptions options) {
        LocalHost host = new LocalHost(options.out());
        try {
            host.boot(options);
            return host;
        } catch (RuntimeException | Error e) {
            host.close();
            throw e;
        }
    }

    private void boot(LocalHostOptions options) {
        long started = System.nanoTime();
        phaseStarted = started;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        LocalSettings file = options.values() != null
                ? new LocalSettings(options.values(), java.util.OptionalInt.empty())
                : LocalSettings.read(options.projectRoot(), log);
        values = new LinkedHashMap<>(file.overriddenBy(options.environment()));
        int port = options.httpPort() != null ? options.httpPort() : file.httpPort().orElse(DEFAULT_PORT);
        HostConfig hostConfig = HostConfig.read(options.projectRoot());
        QueueOptions queueOptions = options.queueOptions().apply(hostConfig.queues());

        phase("settings");
        CompletableFuture<Void> warmUp = CompletableFuture.runAsync(LocalHost::loadStorageSdk);
        CompletableFuture<String> storage = developmentStorage(options);
        pendingStorage = storage;
        functions = new FunctionScanner(loader, options.includeTestClasses()).scan(options.packages());
        disabled = disabledFunctions(functions, values);
        Triggers triggers = resolveTriggers();
        phase("scan");
        if (storage != null) {
            values.put(StorageSettings.CONNECTION, join(storage));
        }
        functionKey = Optional.ofNullable(values.get(FUNCTION_KEY_SETTING)).filter(k -> !k.isBlank())
                .orElseGet(LocalHost::newKey);
        values.put(FUNCTION_KEY_SETTING, functionKey);
        phase("storage");
        List<StandIn> toStart = new ArrayList<>();
        if (options.standIns()) {
            ServiceLoader.load(StandIn.class, loader).forEach(toStart::add);
        }
        toStart.addAll(options.extraStandIns());
        Map<String, HttpHandler> pages = startStandIns(toStart);

        phase("stand-ins");
        warmUp.join();
        Settings settings = Settings.load(values);
        application = new Application(settings, options.clock(), new LoopbackHttpClient());
        Application.install(application);
        FunctionInstanceInjector injector = options.injector() != null
                ? options.injector() : FunctionInvoker.workerInjector(loader);
        FunctionInvoker invoker = new FunctionInvoker(injector);
        warming = warmUp(application, invoker, options.warmUp());
        // The worker's injector goes through the Application: asking it for every function now would
        // build every feature's SDK clients at start, which the Functions host does not do either.
        requireInstances(options.injector() != null ? injector : null);
        phase("application");

        try {
            http = new HttpFunctionServer(port, hostConfig.routePrefix(), functions, disabled, functionKey, invoker, activity, pages,
                    bodyLimit(values));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port + " (is another host running?)", e);
        }
        resources.add(http);
        phase("http");
        startQueues(triggers.queues(), queueOptions, invoker);
        startTimers(triggers, invoker);
        phase("triggers");
        serveFirstRequest();
        phase("first request");
        readyMillis = (System.nanoTime() - started) / 1_000_000;
        printBanner(triggers, queueOptions, options.warmUp());
        listening.complete(null);
    }

    /**
     * In the background from when the application is built, while the host starts listening: the storage the first
     * webhook writes (so that request neither creates it nor loads the storage SDK's request path); then, with
     * {@link LocalHostOptions#warmUp}, once that is done, the host has served its first request and no invocation
     * is running (so as not to compete with the first webhook for the cores), the app's warmup-trigger function, as
     * Azure runs it on an instance added to scale out. A failure only loses the head start.
     */
    private CompletableFuture<Void> warmUp(Application built, FunctionInvoker invoker, boolean instance) {
        Optional<FunctionDefinition> warmup = functions.stream()
                .filter(f -> f.trigger() instanceof FunctionDefinition.Warmup && !disabled.contains(f.name())).findFirst();
        return inBackground("local-host-warm-up", () -> {
            warmUpStep("intake storage", built::prepareIntake);
            if (instance && warmup.isPresent() && listening.handle((done, failure) -> failure == null).join()
                    && awaitQuiet()) {
                warmUpStep(warmup.get().name(), () -> runWarmup(warmup.get(), invoker));
            }
        });
    }

    /**
     * Invokes a warmup-trigger function once. What the Functions host hands a Java warmup trigger is undocumented
     * (Microsoft's example types it {@code Object} and ignores it); we pass an empty JSON object.
     */
    private void runWarmup(FunctionDefinition warmup, FunctionInvoker invoker) {
        LocalExecutionContext context = new LocalExecutionContext(warmup.name());
        long started = System.nanoTime();
        invoker.invoke(warmup, "{}", Map.of(), context);
        log.accept("Executed '" + warmup.name() + "' (Succeeded, Id=" + context.getInvocationId() + ", Duration="
                + (System.nanoTime() - started) / 1_000_000 + "ms): the warmup trigger, run once the host is idle");
    }

    /**
     * Waits (up to {@link #WARM_UP_PATIENCE}) until no invocation has been seen running on two looks 50 ms apart;
     * false when the host closed meanwhile.
     */
    private boolean awaitQuiet() {
        long deadline = System.nanoTime() + WARM_UP_PATIENCE.toNanos();
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline && !closed) {
            quiet = activity.running() == 0 ? quiet + 1 : 0;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !closed;
    }

    /** @return whether the step ran to its end */
    private boolean warmUpStep(String name, Runnable step) {
        try {
            if (!closed) {
                step.run();
                return true;
            }
        } catch (RuntimeException | LinkageError e) {
            if (!closed) {
                log.accept("Warm-up (" + name + ") stopped (" + e.getClass().getSimpleName() + "); the first request"
                        + " that needs it does it instead");
            }
        }
        return false;
    }

    /** Runs {@code work} on a new daemon thread; the future completes when it ends. */
    private static CompletableFuture<Void> inBackground(String name, Runnable work) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                work.run();
                result.complete(null);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** The address the host answers on, e.g. {@code http://localhost:7071} (add {@code /api/...}). */
    public String baseUrl() {
        return "http://localhost:" + http.port();
    }

    /** {@link #baseUrl()} followed by {@code path}, e.g. {@code host.uri("/api/health")}. */
    public java.net.URI uri(String path) {
        return java.net.URI.create(baseUrl() + (path.startsWith("/") ? path : "/" + path));
    }

    public int port() {
        return http.port();
    }

    /** The application the functions run in, installed as {@code Application.shared()}. */
    public Application application() {
        return application;
    }

    /** The key FUNCTION-level routes accept, as header {@value HttpFunctionServer#KEY_HEADER} or query {@code code}. */
    public String functionKey() {
        return functionKey;
    }

    /** The settings values the application was built from (after Azurite and stand-in overrides). */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public List<FunctionDefinition> functions() {
        return functions;
    }

    /** Milliseconds from the start of {@link #start} to the first request served. */
    public long readyMillis() {
        return readyMillis;
    }

    /**
     * Waits until the background warm-up that start-up began has finished (or stopped): what the first webhook
     * and, with {@link LocalHostOptions#warmUp}, the first meeting need is then ready.
     */
    public void awaitWarmUp(Duration timeout) {
        try {
            warming.handle((done, failure) -> null).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The warm-up did not finish within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the warm-up", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The start-up banner's lines. */
    public List<String> banner() {
        return List.copyOf(banner);
    }

    /**
     * Waits until the named queues are empty (visible or not) and no invocation is running, as
     * seen twice in a row; by default every queue a function listens on.
     *
     * @throws IllegalStateException with what is still pending when {@code timeout} passes
     */
    public void awaitQueueIdle(Duration timeout, String... queueNames) {
        List<String> names = queueNames.length > 0 ? List.of(queueNames) : List.copyOf(pollers.keySet());
        Instant deadline = Instant.now().plus(timeout);
        int quiet = 0;
        while (true) {
            Map<String, Integer> pending = new LinkedHashMap<>();
            for (String name : names) {
                int count = application.storage().queue(name).getProperties().getApproximateMessagesCount();
                if (count > 0) {
                    pending.put(name, count);
                }
            }
            int running = activity.running();
            if (pending.isEmpty() && running == 0) {
                if (++quiet >= 2) {
                    return;
                }
            } else {
                quiet = 0;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Not idle after " + timeout + ": messages " + pending
                        + ", invocations running " + running);
            }
            sleep(50);
        }
    }

    public void awaitQueueIdle(String queueName, Duration timeout) {
        awaitQueueIdle(timeout, queueName);
    }

    /** {@link #awaitQueueIdle(Duration, String...)} over every queue a function listens on. */
    public void awaitIdle(Duration timeout) {
        awaitQueueIdle(timeout);
    }

    /** Stops HTTP, pollers, timers, stand-ins and the Azurite this host started, in that order. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // The warm-up may be half way, and a start-up that failed may still be starting Azurite: let them finish
        // (the warm-up stops at its next step) before stopping what they use.
        listening.completeExceptionally(new IllegalStateException("closed"));
        awaitQuietly(warming);
        awaitQuietly(pendingStorage);
        for (AutoCloseable resource : resources) {
            closeQuietly(resource);
        }
        for (StandIn standIn : standIns) {
            closeQuietly(standIn);
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    private static void awaitQuietly(CompletableFuture<?> future) {
        if (future != null) {
            future.handle((value, failure) -> null).join();
        }
    }

    private CompletableFuture<String> developmentStorage(LocalHostOptions options) {
        String connection = values.get(StorageSettings.CONNECTION);
        if (connection == null || !connection.trim().equalsIgnoreCase(DEVELOPMENT_STORAGE)) {
            return null;
        }
        if (!options.startAzurite()) {
            return CompletableFuture.supplyAsync(() -> Azurite.shared().connectionString());
        }
        if (Azurite.listening(AZURITE_QUEUE_PORT) && Azurite.listening(AZURITE_TABLE_PORT)) {
            log.accept("Using the Azurite already listening on ports " + AZURITE_QUEUE_PORT + "/" + AZURITE_TABLE_PORT);
            return CompletableFuture.completedFuture(Azurite.connectionString(AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT));
        }
        return CompletableFuture.supplyAsync(() -> {
            Azurite started = Azurite.start(options.projectRoot(), AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT,
                    options.projectRoot().resolve(".azurite"));
            azurite = started;
            return started.connectionString();
        });
    }

    private static String join(CompletableFuture<String> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The functions an app setting {@code AzureWebJobs.<name>.Disabled} set to {@code true} turns off, as the Functions
     * host does ("How to disable functions in Azure Functions"): their queues are not polled, their timers not run,
     * their routes answer 404. The value is read as .NET's {@code bool.Parse} would (case-insensitive {@code true});
     * that the host accepts nothing else is our assumption. Names match case-insensitively, as function names do.
     */
    static Set<String> disabledFunctions(List<FunctionDefinition> functions, Map<String, String> values) {
        Set<String> off = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        values.forEach((name, value) -> {
            Matcher m = DISABLED_SETTING.matcher(name);
            if (m.matches() && value != null && value.trim().equalsIgnoreCase("true")) {
                off.add(m.group(1));
            }
        });
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        functions.stream().map(FunctionDefinition::name).filter(off::contains).forEach(names::add);
        return names;
    }

    private record QueueFunction(FunctionDefinition function, String queueName) {}

    private record TimerFunction(FunctionDefinition function, NCrontab schedule) {}

    private record Triggers(List<QueueFunction> queues, List<TimerFunction> timers, ZoneId zone) {}

    /** Queue names and schedules with their {@code %SETTING%} references filled in; every problem at once. */
    private Triggers resolveTriggers() {
        List<String> problems = new ArrayList<>();
        List<QueueFunction> queues = new ArrayList<>();
        List<TimerFunction> timers = new ArrayList<>();
        for (FunctionDefinition f : functions) {
            if (f.trigger() instanceof FunctionDefinition.Queue q) {
                resolve(f, q.queueName(), problems).ifPresent(name -> queues.add(new QueueFunction(f, name)));
            } else if (f.trigger() instanceof FunctionDefinition.Timer t) {
                resolve(f, t.schedule(), problems).ifPresent(schedule -> {
                    try {
                        timers.add(new TimerFunction(f, NCrontab.parse(schedule)));
                    } catch (IllegalArgumentException e) {
                        problems.add("Function '" + f.name() + "': " + e.getMessage());
                    }
                });
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        String zoneName = values.get(TIME_ZONE_SETTING);
        if (zoneName != null && !zoneName.isBlank()) {
            try {
                zone = ZoneId.of(zoneName.trim());
            } catch (DateTimeException e) {
                problems.add(TIME_ZONE_SETTING + " must be an IANA time zone such as Europe/London");
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new Triggers(queues, timers, zone);
    }

    private Optional<String> resolve(FunctionDefinition f, String text, List<String> problems) {
        Matcher m = SETTING_REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || value.isBlank()) {
                problems.add(m.group(1) + " is required (function '" + f.name() + "' reads it)");
                ok = false;
                value = "";
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value.trim()));
        }
        m.appendTail(resolved);
        return ok ? Optional.of(resolved.toString()) : Optional.empty();
    }

    private Map<String, HttpHandler> startStandIns(List<StandIn> toStart) {
        Map<String, HttpHandler> pages = new LinkedHashMap<>();
        for (StandIn standIn : toStart) {
            standIns.add(standIn);
            values.putAll(standIn.start(Map.copyOf(values)));
            pages.putAll(standIn.pages());
        }
        return pages;
    }

    /**
     * Makes one object of each function class now, so a class missing from
     * {@code Application.registerFunctions()} stops start-up instead of failing its first invocation.
     */
    /** @param injector the one to make each function with, or {@code null} to ask the application if it provides them */
    private void requireInstances(FunctionInstanceInjector injector) {
        List<String> problems = new ArrayList<>();
        functions.stream().map(FunctionDefinition::type).distinct().forEach(type -> {
            try {
                if (injector == null) {
                    if (!application.provides(type)) {
                        problems.add(type.getName() + ": not registered");
                    }
                } else if (injector.getInstance(type) == null) {
                    problems.add(type.getName() + ": the injector returned null");
                }
            } catch (Exception | LinkageError e) {
                problems.add(type.getName() + ": " + e);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Cannot make these function objects (are they registered in"
                    + " Application.registerFunctions()?): " + String.join("; ", problems));
        }
    }

    private void startQueues(List<QueueFunction> queues, QueueOptions options, FunctionInvoker invoker) {
        for (QueueFunction q : queues) {
            if (disabled.contains(q.function().name())) {
                continue;
            }
            QueuePoller poller = new QueuePoller(q.function(), q.queueName(), () -> application.storage().queue(q.queueName()),
                    () -> application.storage().queue(q.queueName() + "-poison"), options, invoker, activity);
            pollers.put(q.queueName(), poller);
            resources.add(poller);
            poller.start();
        }
    }

    private void startTimers(Triggers triggers, FunctionInvoker invoker) {
        if (triggers.timers().isEmpty()) {
            return;
        }
        TimerScheduler scheduler = new TimerScheduler(Clock.systemUTC(), triggers.zone(), invoker, activity);
        resources.add(scheduler);
        for (FunctionDefinition f : functions) {
            if (f.trigger() instanceof FunctionDefinition.EventGrid) {
                banner.add("  " + f.name() + ": Event Grid POST " + baseUrl() + EventGridEndpoint.PATH + "?functionName=" + f.name());
            }
        }
        for (TimerFunction t : triggers.timers()) {
            if (disabled.contains(t.function().name())) {
                continue;
            }
            scheduler.add(t.function(), t.schedule());
        }
    }

    private void serveFirstRequest() {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(baseUrl() + "/local/").openConnection();
            try (InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("The local index answered " + connection.getResponseCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The host does not answer on " + baseUrl(), e);
        }
    }

    private void printBanner(Triggers triggers, QueueOptions queueOptions, boolean warmUp) {
        banner.add("Teams Telehealth: local Functions host (the function classes Azure runs)");
        banner.add("");
        banner.add("Functions:");
        for (FunctionDefinition f : functions) {
            if (f.trigger() instanceof FunctionDefinition.Http h) {
                String methods = h.methods().isEmpty() ? "ALL" : String.join(",", h.methods().stream().map(Enum::name).sorted().toList());
                banner.add("  " + f.name() + ": [" + methods + "] " + http.url(baseUrl(), h) + " (" + h.authLevel() + ")");
            }
        }
        for (QueueFunction q : triggers.queues()) {
            banner.add("  " + q.function().name() + ": queue '" + q.queueName() + "' (up to " + queueOptions.maxConcurrent()
                    + " at once, received " + queueOptions.batchSize() + " at a time, poison after "
                    + queueOptions.maxDequeueCount() + " tries in '" + q.queueName() + "-poison')");
        }
        for (FunctionDefinition f : functions) {
            if (f.trigger() instanceof FunctionDefinition.Warmup) {
                String here = disabled.contains(f.name()) ? "never: disabled"
                        : warmUp ? "once the host is idle after start" : "never: warm-up is off";
                banner.add("  " + f.name() + ": warmup trigger (Azure runs it on each instance added to scale out; here "
                        + here + ")");
            }
        }
        for (TimerFunction t : triggers.timers()) {
            Instant next = TimerScheduler.nextRun(t.schedule(), Clock.systemUTC(), triggers.zone());
            banner.add("  " + t.function().name() + ": timer '" + t.schedule() + "' (" + triggers.zone() + "), next "
                    + (next == null ? "never" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(next.atZone(triggers.zone()))));
        }
        if (functions.isEmpty()) {
            banner.add("  (none found)");
        }
        if (!disabled.isEmpty()) {
            banner.add("Disabled (AzureWebJobs.<name>.Disabled = true): " + String.join(", ", disabled));
        }
        if (!standIns.isEmpty()) {
            banner.add("Stand-ins:");
            standIns.forEach(s -> banner.add("  " + s.describe()));
        }
        banner.add("Storage: queues " + application.storage().queueService().getQueueServiceUrl()
                + ", tables " + application.storage().tableService().getServiceEndpoint()
                + (azurite != null ? " (Azurite, data in .azurite/)" : ""));
        banner.add("Function key (header x-functions-key or ?code=): " + functionKey);
        banner.add("Local pages: " + baseUrl() + "/local/");
        banner.add("Start-up phases (ms): " + phases);
        banner.add("Ready in " + readyMillis + " ms (" + ManagementFactory.getRuntimeMXBean().getUptime()
                + " ms after the JVM started). Ctrl-C to stop.");
        banner.forEach(line -> log.accept(line));
    }

    /**
     * Builds throw-away storage clients (no network calls) so the SDK's many classes load while
     * Azurite starts and classes are scanned, rather than after.
     */
    private static void loadStorageSdk() {
        try {
            String connection = Azurite.connectionString(1, 1);
            new com.azure.storage.queue.QueueServiceClientBuilder().connectionString(connection).buildClient();
            new com.azure.data.tables.TableServiceClientBuilder().connectionString(connection).buildClient();
        } catch (RuntimeException | LinkageError e) {
            // Only a head start: the real clients report any real problem.
        }
    }

    private void phase(String name) {
        long now = System.nanoTime();
        phases.put(name, (now - phaseStarted) / 1_000_000);
        phaseStarted = now;
    }

    private static String newKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void configureLogging() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %3$s %4$s: %5$s%6$s%n");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // The Azure SDK logs every exception it throws at ERROR, expected 404s and 409s included;
        // functions' real failures reach the host's own log lines. MAVEN_OPTS=-D...=warn shows them again.
        System.setProperty("org.slf4j.simpleLogger.log.com.azure",
                System.getProperty("org.slf4j.simpleLogger.log.com.azure", "off"));
    }

    private void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.accept("Stopping " + resource.getClass().getSimpleName() + " failed: " + e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
