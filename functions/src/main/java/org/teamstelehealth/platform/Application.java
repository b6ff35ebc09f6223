package org.teamstelehealth.platform;

import com.azure.core.http.HttpClient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.teamstelehealth.appointments.AppointmentService;
import org.teamstelehealth.appointments.AppointmentStatus;
import org.teamstelehealth.appointments.AppointmentStatusFunction;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.appointments.AppointmentsFunction;
import org.teamstelehealth.appointments.StorageQueues;
import org.teamstelehealth.appointments.TableAppointmentStore;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.meetings.GraphClients;
import org.teamstelehealth.meetings.GraphMeetingGateway;
import org.teamstelehealth.meetings.MeetingGateway;
import org.teamstelehealth.meetings.TableDirectoryCache;

/**
 * The composition root: reads settings once, builds every SDK client and service once per process,
 * and makes the function objects the worker asks for (through {@link FunctionInjector}).
 *
 * <p>On Azure the first invocation builds it from the environment. The local host and tests
 * {@link #install(Application) install} their own, built from their own settings and clock.
 */
public final class Application {
    private static volatile Application shared;

    private final Settings settings;
    private final Clock clock;
    private final StorageClients storage;
    private final HttpClient azureHttpClient;
    private final Map<Class<?>, Supplier<?>> functions = new HashMap<>();
    private final GraphServiceClient graph;
    private final AppointmentStore appointments;
    private final MeetingGateway meetings;
    private final StorageQueues queues;
    private final JoinLinks joinLinks;

    public Application(Settings settings, Clock clock) {
        this(settings, clock, null);
    }

    /**
     * @param azureHttpClient the HTTP client every Azure SDK client (identity, ACS, Key Vault) sends
     *     through, or {@code null} for the SDK default; the local host and tests hand in one that
     *     reaches their loopback stand-ins
     */
    public Application(Settings settings, Clock clock, HttpClient azureHttpClient) {
        this.settings = settings;
        this.clock = clock;
        this.azureHttpClient = azureHttpClient;
        this.storage = new StorageClients(settings.storage());
        // Building clients makes no network calls; tables and queues are created on first use.
        this.graph = GraphClients.create(settings.graph(), azureHttpClient);
        this.appointments = new TableAppointmentStore(storage::table);
        this.meetings = new GraphMeetingGateway(graph, settings.meetings(),
                new TableDirectoryCache(() -> storage.table(TableDirectoryCache.TABLE)));
        this.queues = new StorageQueues(storage::queue);
        this.joinLinks = new JoinLinks(settings.join().linkKey(), settings.publicBaseUrl());
        registerFunctions();
    }

    private void registerFunctions() {
        // Each feature adds its function classes here, constructed with the services they call.
        AppointmentService appointmentService =
                new AppointmentService(appointments, meetings, queues, queues, settings.meetings());
        functions.put(AppointmentsFunction.class, () -> new AppointmentsFunction(appointmentService, clock));
        // Later features add their own sections (e.g. notification deliveries) to this list.
        AppointmentStatus status = new AppointmentStatus(appointments, joinLinks, List.of());
        functions.put(AppointmentStatusFunction.class, () -> new AppointmentStatusFunction(status));
    }

    /** The process-wide application, built from the environment on first use. */
    public static Application shared() {
        Application current = shared;
        if (current == null) {
            synchronized (Application.class) {
                if (shared == null) {
                    shared = new Application(Settings.load(System.getenv()), Clock.systemUTC());
                }
                current = shared;
            }
        }
        return current;
    }

    /** Replaces the process-wide application (local host, tests). */
    public static void install(Application application) {
        synchronized (Application.class) {
            shared = application;
        }
    }

    /** A new function object of the given class, wired to this application's services. */
    public <T> T function(Class<T> type) {
        Supplier<?> supplier = functions.get(type);
        if (supplier == null) {
            throw new IllegalArgumentException("No function registered for " + type.getName());
        }
        return type.cast(supplier.get());
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public StorageClients storage() {
        return storage;
    }

    /** The app's Graph client (client credentials from {@code GRAPH_*}); SDK retries are off per request. */
    public GraphServiceClient graph() {
        return graph;
    }

    public AppointmentStore appointments() {
        return appointments;
    }

    public JoinLinks joinLinks() {
        return joinLinks;
    }

    /** The HTTP client to hand to Azure SDK builders, or {@code null} for their default. */
    public HttpClient azureHttpClient() {
        return azureHttpClient;
    }
}
