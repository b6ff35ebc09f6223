package org.teamstelehealth.notifications;

import com.azure.core.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.platform.Settings;
import org.teamstelehealth.platform.StorageClients;

/** The notifications feature's services, built once by the composition root. ACS clients are built only when configured. */
public final class NotificationsModule {
    private final DeliveryLog deliveryLog;
    private final Templates templates;
    private final MessageContent content;
    private final NotificationService service;
    private final Optional<EmailSender> email;

    public NotificationsModule(Settings settings, Clock clock, StorageClients storage, HttpClient azureHttpClient,
                               JoinLinks joinLinks) {
        NotificationSettings config = settings.notifications();
        this.deliveryLog = new TableDeliveryLog(() -> storage.table(TableDeliveryLog.TABLE));
        this.templates = new Templates(new TableTemplateStore(() -> storage.table(TableTemplateStore.TABLE), clock));
        this.content = new MessageContent(joinLinks,
                config.locale(), config.emailSender());
        boolean acs = config.acsConnectionString().isPresent() || config.acsEndpoint().isPresent();
        AcsClients clients = acs ? new AcsClients(config, azureHttpClient) : null;
        Optional<SmsSender> sms = config.smsFrom().filter(from -> acs)
                .map(from -> new AcsSmsSender(clients.sms(), from));
        this.email = config.emailSender().filter(sender -> acs)
                .map(sender -> clients.emailSender(sender, config.emailReplyTo(), config.emailStatusWait()));
        this.service = new NotificationService(sms, this.email, deliveryLog, templates, content,
                new StorageRetryQueue(() -> storage.queue(NotificationIntent.QUEUE)), clock,
                config.maxAttempts(), config.defaultRetryDelay());
    }

    public DeliveryLog deliveryLog() {
        return deliveryLog;
    }

    public Templates templates() {
        return templates;
    }

    public MessageContent content() {
        return content;
    }

    /** The ACS email sender, when email is configured (ACS and {@code ACS_EMAIL_SENDER}). */
    public Optional<EmailSender> emailSender() {
        return email;
    }

    public NotificationService service() {
        return service;
    }
}
