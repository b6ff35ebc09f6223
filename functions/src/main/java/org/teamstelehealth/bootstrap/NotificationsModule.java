package org.teamstelehealth.bootstrap;

import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.notifications.AcsSmsSender;
import org.teamstelehealth.notifications.DeliveryLog;
import org.teamstelehealth.notifications.EmailSender;
import org.teamstelehealth.notifications.MessageContent;
import org.teamstelehealth.notifications.NotificationService;
import org.teamstelehealth.notifications.NotificationSettings;
import org.teamstelehealth.notifications.SmsSender;
import org.teamstelehealth.notifications.StorageNotificationRetries;
import org.teamstelehealth.notifications.TableDeliveryLog;
import org.teamstelehealth.notifications.TableTemplateStore;
import org.teamstelehealth.notifications.Templates;
import com.azure.core.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import org.teamstelehealth.join.JoinLinks;

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
                .map(from -> new AcsSmsSender(clients.sms(), from, clock));
        this.email = config.emailSender().filter(sender -> acs)
                .map(sender -> clients.emailSender(sender, config.emailReplyTo(), config.emailStatusWait(), clock));
        this.service = new NotificationService(sms, this.email, deliveryLog, templates, content,
                new StorageNotificationRetries(() -> storage.queue(NotificationIntent.QUEUE)), clock,
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
