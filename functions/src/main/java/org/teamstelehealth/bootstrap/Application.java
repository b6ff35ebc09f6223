package org.teamstelehealth.bootstrap;

import com.azure.core.http.HttpClient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.access.AccessTokens;
import org.teamstelehealth.access.AdminAccess;
import org.teamstelehealth.access.AuditFunction;
import org.teamstelehealth.access.AuditLog;
import org.teamstelehealth.access.EntraSigningKeys;
import org.teamstelehealth.access.TableAuditLog;
import org.teamstelehealth.appointments.AppointmentService;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.Outbox;
import org.teamstelehealth.attendance.AppointmentFollower;
import org.teamstelehealth.attendance.AttendanceFunction;
import org.teamstelehealth.attendance.AttendanceIndex;
import org.teamstelehealth.attendance.AttendanceRules;
import org.teamstelehealth.attendance.AttendanceSection;
import org.teamstelehealth.attendance.AttendanceService;
import org.teamstelehealth.attendance.AttendanceSummary;
import org.teamstelehealth.attendance.AttendanceSummaryFunction;
import org.teamstelehealth.attendance.TableAttendanceIndex;
import org.teamstelehealth.appointments.AppointmentStatus;
import org.teamstelehealth.appointments.AppointmentStatusFunction;
import org.teamstelehealth.appointments.AttentionList;
import org.teamstelehealth.appointments.AttentionListFunction;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.appointments.PatientResponses;
import org.teamstelehealth.appointments.AppointmentsFunction;
import org.teamstelehealth.appointments.MeetingGateway;
import org.teamstelehealth.appointments.RevokeJoinLinksFunction;
import org.teamstelehealth.appointments.StorageQueues;
import org.teamstelehealth.appointments.TableAppointmentStore;
import org.teamstelehealth.events.EventBody;
import org.teamstelehealth.events.EventSender;
import org.teamstelehealth.events.EventSettings;
import org.teamstelehealth.events.EventsFunction;
import org.teamstelehealth.events.EventsSection;
import org.teamstelehealth.events.HttpPmsEndpoint;
import org.teamstelehealth.events.PmsEndpoint;
import org.teamstelehealth.events.StorageEventRetries;
import org.teamstelehealth.events.TableEventDeliveryLog;
import org.teamstelehealth.feed.FeedFunction;
import org.teamstelehealth.feed.FeedLinks;
import org.teamstelehealth.feed.FeedLinksFunction;
import org.teamstelehealth.feed.FeedPatientName;
import org.teamstelehealth.feed.FeedRenderer;
import org.teamstelehealth.feed.FeedService;
import org.teamstelehealth.feed.ProviderEventText;
import org.teamstelehealth.feed.TableFeedLinkStore;
import org.teamstelehealth.feed.TemplatedEventText;
import org.teamstelehealth.health.AzureStorageHealth;
import org.teamstelehealth.health.CachedStorageHealth;
import org.teamstelehealth.health.HealthFunction;
import org.teamstelehealth.health.StorageHealth;
import org.teamstelehealth.intake.ContractValidator;
import org.teamstelehealth.intake.IntakeFunction;
import org.teamstelehealth.intake.IntakeService;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.intake.StorageQueueAppointmentQueue;
import org.teamstelehealth.intake.TableReceiptStore;
import org.teamstelehealth.join.FormOrigins;
import org.teamstelehealth.join.JoinFunction;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.join.JoinPages;
import org.teamstelehealth.join.JoinService;
import org.teamstelehealth.join.ParticipantsSection;
import org.teamstelehealth.meetings.GraphAttendanceReports;
import org.teamstelehealth.meetings.GraphMeetingGateway;
import org.teamstelehealth.meetings.TableDirectoryCache;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.notifications.DeliveriesSection;
import org.teamstelehealth.notifications.DeliveryLog;
import org.teamstelehealth.notifications.DeliveryReports;
import org.teamstelehealth.notifications.DeliveryReportsFunction;
import org.teamstelehealth.notifications.EmailSender;
import org.teamstelehealth.notifications.MessageContent;
import org.teamstelehealth.notifications.NotificationService;
import org.teamstelehealth.notifications.ReminderChecks;
import org.teamstelehealth.notifications.NotificationSettings;
import org.teamstelehealth.notifications.NotificationsFunction;
import org.teamstelehealth.notifications.PhoneKeys;
import org.teamstelehealth.notifications.PmsDeliveryFailures;
import org.teamstelehealth.notifications.SmsNumbers;
import org.teamstelehealth.notifications.TableSmsContacts;
import org.teamstelehealth.notifications.SmsSender;
import org.teamstelehealth.notifications.StorageNotificationRetries;
import org.teamstelehealth.notifications.TableDeliveryLog;
import org.teamstelehealth.notifications.TableTemplateStore;
import org.teamstelehealth.notifications.TemplateAdminFunction;
import org.teamstelehealth.notifications.Templates;
import org.teamstelehealth.replies.PatientRepliesSection;
import org.teamstelehealth.replies.SmsReplies;
import org.teamstelehealth.replies.SmsRepliesFunction;
import org.teamstelehealth.platform.Concurrently;
import org.teamstelehealth.reminders.AppointmentReminders;
import org.teamstelehealth.reminders.RemindersFunction;
import org.teamstelehealth.reminders.TableReminderPlan;
import org.teamstelehealth.retention.RetentionFunction;
import org.teamstelehealth.retention.RetentionService;
import org.teamstelehealth.secrets.AdminMailer;
import org.teamstelehealth.secrets.CachedSecrets;
import org.teamstelehealth.secrets.CachedWebhookSecrets;
import org.teamstelehealth.secrets.GraphAppRegistration;
import org.teamstelehealth.secrets.ReminderFunction;
import org.teamstelehealth.secrets.ReminderService;
import org.teamstelehealth.secrets.RotateGraphClientSecretFunction;
import org.teamstelehealth.secrets.RotateWebhookSecretFunction;
import org.teamstelehealth.secrets.RotatingClientSecretCredential;
import org.teamstelehealth.secrets.RotationService;
import org.teamstelehealth.secrets.SecretMaintenance;
import org.teamstelehealth.secrets.SecretSettings;
import org.teamstelehealth.secrets.SecretStore;
import org.teamstelehealth.secrets.SettingsSecretStore;
import org.teamstelehealth.secrets.TableReminderLog;
import org.teamstelehealth.secrets.TableRotationLog;
import org.teamstelehealth.secrets.WebhookSecretRotation;
import org.teamstelehealth.secrets.WebhookSecrets;

/**
 * The composition root, and the only one: reads settings once, builds every SDK client and service once
 * per process (on first use: a feature's SDK clients and service are {@link Lazy}, so start-up and the
 * first request build only what they need), and makes the function objects the worker asks for (through {@link FunctionInjector}).
 * Nothing in the app imports this package; features are plain constructors called from here.
 *
 * <p>On Azure the first invocation builds it from the environment. The local host and tests
 * {@link #install(Application) install} their own, built from their own settings and clock.
 * Building it makes no network call: tables and queues are created on first use.
 */
public final class Application {
    private static volatile Application shared;
    /** Longest one storage call in an HTTP request may take before the caller gets a 503. */
    private static final Duration STORAGE_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEALTH_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Settings settings;
    private final Clock clock;
    private final AzureClients azure;
    private final SecretStore secretStore;
    private final CachedSecrets secrets;
    private final WebhookSecrets webhookSecrets;
    private final Lazy<GraphServiceClient> graph;
    private final AppointmentStore appointments;
    /** The storage queues the appointments side puts notification intents, PMS events and its own retries on. */
    private final StorageQueues queues;
    /** The one way features other than appointments change a stored appointment (and record its events). */
    private final AppointmentUpdates appointmentUpdates;
    private final JoinLinks joinLinks;
    private final DeliveryLog deliveryLog;
    private final Templates templates;
    private final SmsNumbers smsNumbers;
    private final AdminAccess adminAccess;
    private final AttendanceIndex attendanceIndex;
    private final AppointmentReminders reminders;
    private final Lazy<AppointmentService> appointmentService;
    private final Map<Class<?>, Supplier<?>> functions = new HashMap<>();

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
        this.azure = new AzureClients(settings, azureHttpClient);
        this.secretStore = secretStore();
        this.secrets = new CachedSecrets(secretStore, clock, settings.secrets().cacheTtl());
        this.webhookSecrets = new CachedWebhookSecrets(secrets, clock);
        this.graph = Lazy.of(() -> azure.graph(settings.secrets().usesClientSecret()
                ? new RotatingClientSecretCredential(secrets, settings.secrets().graphClientSecretName(),
                        secret -> azure.credentials().forSecret(secret))
                : azure.federatedGraphCredential()));
        this.appointments = new TableAppointmentStore(name -> azure.storage().table(name));
        this.queues = new StorageQueues(name -> azure.storage().queue(name));
        this.appointmentUpdates = new AppointmentUpdates(appointments, new Outbox(appointments, queues, queues));
        this.joinLinks = new JoinLinks(settings.join().linkKey(), settings.publicBaseUrl());
        this.deliveryLog = new TableDeliveryLog(() -> azure.storage().table(TableDeliveryLog.TABLE));
        this.templates = new Templates(new TableTemplateStore(() -> azure.storage().table(TableTemplateStore.TABLE), clock));
        this.smsNumbers = new SmsNumbers(new TableSmsContacts(() -> azure.storage().table(TableSmsContacts.TABLE)),
                settings.smsReplies().phoneKey().map(PhoneKeys::new)
                        .orElseGet(() -> PhoneKeys.derivedFrom(settings.join().linkKey())));
        this.adminAccess = adminAccess();
        this.attendanceIndex = new TableAttendanceIndex(() -> azure.storage().table(TableAttendanceIndex.TABLE));
        this.reminders = reminders();
        this.appointmentService = appointmentService();
        registerIntake();
        registerAppointments();
        registerNotifications();
        registerJoinAndFeed();
        registerSecrets();
        registerRetention();
        registerReplies();
        functions.put(WarmupFunction.class, () -> new WarmupFunction(this::prepareInstance));
    }

    private SecretStore secretStore() {
        SecretSettings config = settings.secrets();
        return config.keyVaultUrl().<SecretStore>map(azure::keyVaultSecretStore)
                .orElseGet(() -> new SettingsSecretStore(config, settings.webhook().secrets(), settings.events().secrets()));
    }

    private AdminAccess adminAccess() {
        AuditLog audit = new TableAuditLog(() -> azure.storage().table(TableAuditLog.TABLE));
        EntraSigningKeys keys = new EntraSigningKeys(settings.access().signingKeysUrl(),
                Lazy.of(java.net.http.HttpClient::newHttpClient), clock);
        AdminAccess access = new AdminAccess(settings.access(), new AccessTokens(settings.access(), keys), audit, clock);
        functions.put(AuditFunction.class, () -> new AuditFunction(access, audit, clock));
        return access;
    }

    private void registerIntake() {
        IntakeService intake = new IntakeService(
                new SignatureVerifier(new WebhookSecretsForIntake(webhookSecrets), settings.webhook().tolerance(), clock),
                ContractValidator.fromClasspath(),
                new TableReceiptStore(() -> azure.storage().table(TableReceiptStore.TABLE), STORAGE_CALL_TIMEOUT),
                new StorageQueueAppointmentQueue(() -> azure.storage().queue(AppointmentMessage.QUEUE), STORAGE_CALL_TIMEOUT),
                clock);
        functions.put(IntakeFunction.class, () -> new IntakeFunction(intake));
        Lazy<StorageHealth> health = Lazy.of(() -> new CachedStorageHealth(new AzureStorageHealth(
                azure.storage().tableService().getTableClient(TableReceiptStore.TABLE),
                azure.storage().queueService().getQueueClient(AppointmentMessage.QUEUE), HEALTH_PROBE_TIMEOUT), clock));
        functions.put(HealthFunction.class, () -> new HealthFunction(health.get()));
    }

    private Lazy<AppointmentService> appointmentService() {
        return Lazy.of(() -> {
            MeetingGateway meetings = new GraphMeetingGateway(graph.get(), settings.meetings(),
                    new TableDirectoryCache(() -> azure.storage().table(TableDirectoryCache.TABLE)), clock);
            AppointmentFollower attendanceFollower = new AppointmentFollower(attendanceIndex, settings.attendance());
            return new AppointmentService(appointments, meetings, queues, queues, queues, settings.meetings().retryPolicy(),
                    (stored, at) -> Concurrently.run(() -> reminders.applied(stored, at),
                            () -> attendanceFollower.applied(stored, at)));
        });
    }

    private void registerAppointments() {
        Lazy<AppointmentService> service = appointmentService;
        functions.put(AppointmentsFunction.class, () -> new AppointmentsFunction(service.get(), clock));
        AppointmentStatus status = new AppointmentStatus(appointments,
                List.of(new ParticipantsSection(joinLinks), new DeliveriesSection(deliveryLog),
                        new PatientRepliesSection(smsNumbers), new AttendanceSection(settings.attendance()),
                        registerEvents()));
        functions.put(AppointmentStatusFunction.class, () -> new AppointmentStatusFunction(status, adminAccess));
        functions.put(RevokeJoinLinksFunction.class, () -> new RevokeJoinLinksFunction(service.get(), status, clock, adminAccess));
        AttentionList attention = new AttentionList(appointments, settings.attention());
        functions.put(AttentionListFunction.class, () -> new AttentionListFunction(attention, clock, adminAccess));
        registerAttendance(service);
    }

    private void registerAttendance(Lazy<AppointmentService> appointmentService) {
        Lazy<AttendanceService> service = Lazy.of(() -> {
            return new AttendanceService(attendanceIndex, new GraphAttendanceReports(graph.get(), clock), appointments,
                    appointmentUpdates,
                    (id, now) -> appointmentService.get().releaseKeptMeeting(id, now),
                    new AttendanceRules(settings.graph().tenantId()), settings.attendance());
        });
        functions.put(AttendanceFunction.class, () -> new AttendanceFunction(service.get(), clock));
        functions.put(AttendanceSummaryFunction.class,
                () -> new AttendanceSummaryFunction(new AttendanceSummary(attendanceIndex), adminAccess, clock));
    }

    /** The events sender on its own queue; returns its section of the admin status. */
    private EventsSection registerEvents() {
        EventSettings config = settings.events();
        TableEventDeliveryLog log = new TableEventDeliveryLog(() -> azure.storage().table(TableEventDeliveryLog.TABLE));
        WebhookSecrets signing = new CachedWebhookSecrets(secrets, clock, SecretSettings.PMS_EVENTS_CURRENT,
                SecretSettings.PMS_EVENTS_PREVIOUS);
        Lazy<EventSender> sender = Lazy.of(() -> new EventSender(config, new EventBody(joinLinks), signing::accepted,
                pmsEndpoint(config), log, new StorageEventRetries(() -> azure.storage().queue(PmsEvent.QUEUE)), clock));
        functions.put(EventsFunction.class, () -> new EventsFunction(sender.get()));
        return new EventsSection(log, config);
    }

    private PmsEndpoint pmsEndpoint(EventSettings config) {
        if (config.url().isEmpty()) {
            return (headers, body) -> {
                throw new IllegalStateException("PMS_EVENTS_URL is not set: the sender records events as not sent");
            };
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        return new HttpPmsEndpoint(http, config.url().get(), config.timeout(), clock);
    }

    /** Plans reminders after each applied appointment change (wired into the service above) and sends due ones. */
    private AppointmentReminders reminders() {
        AppointmentReminders service = new AppointmentReminders(
                new TableReminderPlan(() -> azure.storage().table(TableReminderPlan.TABLE)), appointments,
                queues, settings.reminders());
        functions.put(RemindersFunction.class, () -> new RemindersFunction(service, clock));
        return service;
    }

    private void registerNotifications() {
        NotificationSettings config = settings.notifications();
        MessageContent content = new MessageContent(joinLinks, config.locale(), config.inviteOrganizer(),
                settings.smsReplies().repliesEnabled());
        PmsDeliveryFailures failures = new PmsDeliveryFailures(appointmentUpdates, clock);
        Lazy<NotificationService> service = Lazy.of(() -> new NotificationService(smsSender(), emailSender(), deliveryLog,
                templates, content, new StorageNotificationRetries(() -> azure.storage().queue(NotificationIntent.QUEUE)),
                clock, config.backoff(), smsNumbers, failures,
                new ReminderChecks(Optional.of(appointments))));
        functions.put(NotificationsFunction.class, () -> new NotificationsFunction(service.get()));
        functions.put(DeliveryReportsFunction.class, () -> new DeliveryReportsFunction(new DeliveryReports(deliveryLog, clock,
                failures)));
        functions.put(TemplateAdminFunction.class, () -> new TemplateAdminFunction(templates, content, adminAccess));
    }

    private Optional<SmsSender> smsSender() {
        return settings.notifications().smsFrom().flatMap(from -> azure.acs().map(acs -> acs.smsSender(from, clock)));
    }

    private Optional<EmailSender> emailSender() {
        NotificationSettings config = settings.notifications();
        return config.emailSender().flatMap(sender -> azure.acs().map(acs ->
                acs.emailSender(sender, config.emailReplyTo(), config.emailStatusWait(), clock)));
    }

    private void registerJoinAndFeed() {
        JoinService join = new JoinService(appointments, new PatientResponses(appointmentUpdates), joinLinks,
                settings.join(), clock);
        Lazy<JoinPages> joinPages = Lazy.of(JoinPages::new);
        FormOrigins formOrigins = new FormOrigins(settings.publicBaseUrl());
        functions.put(JoinFunction.class, () -> new JoinFunction(join, joinPages.get(), formOrigins));
        FeedLinks feedLinks = new FeedLinks(new TableFeedLinkStore(() -> azure.storage().table(TableFeedLinkStore.TABLE)),
                settings.feed(), settings.publicBaseUrl(), clock, new SecureRandom());
        FeedPatientName patientName = settings.feed().patientName();
        FeedRenderer feedRenderer = new FeedRenderer(new TemplatedEventText(templates, joinLinks,
                settings.notifications().locale(), clock, new ProviderEventText(joinLinks, patientName), patientName));
        FeedService feed = new FeedService(feedLinks, appointments, feedRenderer, settings.feed(), clock);
        functions.put(FeedFunction.class, () -> new FeedFunction(feed));
        functions.put(FeedLinksFunction.class, () -> new FeedLinksFunction(feedLinks, adminAccess));
    }

    private void registerSecrets() {
        SecretSettings config = settings.secrets();
        SecretStore store = secretStore;
        Lazy<GraphAppRegistration> registration = Lazy.of(() -> new GraphAppRegistration(graph.get(), config.clientId()));
        Supplier<RotationService> rotation = () -> new RotationService(store, secrets, registration.get(),
                azure.credentials()::verify, new TableRotationLog(() -> azure.storage().table(TableRotationLog.TABLE)), config);
        Supplier<WebhookSecretRotation> webhookRotation =
                () -> new WebhookSecretRotation(store, secrets, config.webhookOverlap());
        Lazy<AdminMailer> mailer = Lazy.of(() -> new AdminMailerOverEmail(emailSender()));
        Supplier<SecretMaintenance> maintenance = () -> new SecretMaintenance(
                new ReminderService(store, registration.get(), mailer.get(), new TableReminderLog(() -> azure.storage().table(TableReminderLog.TABLE)),
                        config),
                rotation.get(), webhookRotation.get());
        functions.put(ReminderFunction.class, () -> new ReminderFunction(maintenance.get(), clock));
        functions.put(RotateGraphClientSecretFunction.class, () -> new RotateGraphClientSecretFunction(rotation.get(), adminAccess,
                config.graphClientSecretName(), clock));
        functions.put(RotateWebhookSecretFunction.class,
                () -> new RotateWebhookSecretFunction(webhookRotation.get(), adminAccess, clock));
    }

    private void registerRetention() {
        TableEventDeliveryLog eventLog = new TableEventDeliveryLog(() -> azure.storage().table(TableEventDeliveryLog.TABLE));
        AppointmentFollower attendance = new AppointmentFollower(attendanceIndex, settings.attendance());
        RetentionService retention = new RetentionService(appointments, deliveryLog,
                new TableReceiptStore(() -> azure.storage().table(TableReceiptStore.TABLE), STORAGE_CALL_TIMEOUT),
                settings.retention(),
                List.of((id, row) -> eventLog.purge(id),
                        (id, row) -> row.map(attendance::forget).orElse(0),
                        (id, row) -> row.map(smsNumbers::forget).orElse(0)));
        functions.put(RetentionFunction.class, () -> new RetentionFunction(retention, clock));
    }

    private void registerReplies() {
        Lazy<SmsReplies> replies = Lazy.of(() -> new SmsReplies(appointments, new PatientResponses(appointmentUpdates),
                smsNumbers, smsSender(), settings.notifications().locale(), clock));
        functions.put(SmsRepliesFunction.class, () -> new SmsRepliesFunction(replies.get()));
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

    /**
     * Readies what the first webhook needs beyond what building this application built: the table and queue intake
     * writes (created if missing, as on any first use, once per process), and on the way the storage SDK's request
     * path. The local host calls this in the background at start, so the first request does not; on Azure the warmup
     * trigger does it on an instance added to scale out ({@link #prepareInstance}), and otherwise the first request.
     */
    public void prepareIntake() {
        azure.storage().table(TableReceiptStore.TABLE);
        azure.storage().queue(AppointmentMessage.QUEUE);
    }

    /**
     * Readies what the first meeting needs: the tables and queues an applied appointment change writes (as
     * {@link #prepareIntake}), the Graph client with its token (one call to Entra), and the way a new booking goes
     * through the appointments service ({@link AppointmentService#rehearse}: one read of a row that is not there, one
     * Graph read of a user no tenant has, writes the storage refuses; no meeting made, nothing written or sent), and
     * the notifications and events functions its messages go to. Part of {@link #prepareInstance}.
     */
    public void prepareMeetings() {
        for (String table : List.of(TableAppointmentStore.TABLE, TableAppointmentStore.SCHEDULE,
                TableAppointmentStore.RETENTION, TableDirectoryCache.TABLE, TableReminderPlan.TABLE,
                TableAttendanceIndex.TABLE)) {
            azure.storage().table(table);
        }
        azure.storage().queue(NotificationIntent.QUEUE);
        azure.storage().queue(PmsEvent.QUEUE);
        appointmentService.get().rehearse(clock.instant());
        // The functions the first booking's queued messages go to, built (their SDK clients too; nothing is sent), so
        // that their first invocations, which run while the booking finishes, do not build them then.
        function(NotificationsFunction.class);
        function(EventsFunction.class);
    }

    /**
     * Readies a new instance: {@link #prepareIntake}, then {@link #prepareMeetings}. Azure's warmup trigger
     * ({@link WarmupFunction}) calls it on each instance added to scale out; the local host once it is idle.
     */
    public void prepareInstance() {
        prepareIntake();
        prepareMeetings();
    }

    /**
     * Whether {@link #function} can make objects of this class, without making one (which would build
     * the SDK clients behind it).
     */
    public boolean provides(Class<?> type) {
        return functions.containsKey(type);
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
        return azure.storage();
    }

    /** The app's Graph client; its tokens always use the current client secret. */
    public GraphServiceClient graph() {
        return graph.get();
    }

    public AppointmentStore appointments() {
        return appointments;
    }

    /** Every message sent (or not) to patients, per appointment: for the admin status route. */
    /** Patients' numbers under their keys, as notifications and replies keep them. */
    public SmsNumbers smsNumbers() {
        return smsNumbers;
    }

    public DeliveryLog deliveryLog() {
        return deliveryLog;
    }

    /** The webhook signing secrets intake accepts now. */
    public WebhookSecrets webhookSecrets() {
        return webhookSecrets;
    }
}
