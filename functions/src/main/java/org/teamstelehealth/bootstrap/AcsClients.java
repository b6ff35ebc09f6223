package org.teamstelehealth.bootstrap;

import com.azure.communication.common.implementation.CommunicationConnectionString;
import com.azure.communication.common.implementation.HmacAuthenticationPolicy;
import com.azure.communication.email.EmailClient;
import com.azure.communication.email.EmailClientBuilder;
import com.azure.communication.sms.SmsClient;
import com.azure.communication.sms.SmsClientBuilder;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.teamstelehealth.notifications.AcsEmailSender;
import org.teamstelehealth.notifications.AcsSmsSender;
import org.teamstelehealth.notifications.NotificationSettings;

/**
 * Builds the ACS SMS and Email clients on pipelines of our own, for two reasons: no SDK retries
 * (a 429 with Retry-After must go back on the queue, not sleep inside the invocation), and our
 * idempotency policies must run before the HMAC signature (which covers the body's hash), while
 * the SDK builders put added policies after it.
 */
public final class AcsClients {
    private static final String SCOPE = "https://communication.azure.com//.default";

    private final String endpoint;
    private final HttpPipelinePolicy authentication;
    private final HttpClient httpClient;

    /**
     * @param managedIdentity the identity to reach ACS with when there is no connection string
     * @param httpClient the HTTP client to send through, or {@code null} for the SDK default
     */
    public AcsClients(NotificationSettings settings, TokenCredential managedIdentity, HttpClient httpClient) {
        this.httpClient = httpClient;
        if (settings.acsConnectionString().isPresent()) {
            CommunicationConnectionString connection = new CommunicationConnectionString(settings.acsConnectionString().get());
            this.endpoint = connection.getEndpoint();
            this.authentication = new HmacAuthenticationPolicy(new AzureKeyCredential(connection.getAccessKey()));
        } else {
            this.endpoint = settings.acsEndpoint().orElseThrow(
                    () -> new IllegalStateException("ACS_CONNECTION_STRING or ACS_ENDPOINT is required"));
            this.authentication = new BearerTokenAuthenticationPolicy(managedIdentity, SCOPE);
        }
    }

    public SmsClient sms() {
        return new SmsClientBuilder().endpoint(endpoint)
                .pipeline(pipeline(new AcsSmsSender.StableRepeatability())).buildClient();
    }

    public AcsSmsSender smsSender(String from, Clock clock) {
        return new AcsSmsSender(sms(), from, clock);
    }

    public AcsEmailSender emailSender(String sender, Optional<String> replyTo, Duration statusWait, Clock clock) {
        HttpPipeline pipeline = pipeline(new AcsEmailSender.IdempotencyHeaders());
        EmailClient client = new EmailClientBuilder().endpoint(endpoint).pipeline(pipeline).buildClient();
        return new AcsEmailSender(client, pipeline, endpoint, sender, replyTo, statusWait, clock);
    }

    private HttpPipeline pipeline(HttpPipelinePolicy idempotency) {
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new RequestIdPolicy());
        policies.add(idempotency);
        policies.add(authentication);
        // Headers and URLs only, never bodies: bodies hold patient data.
        policies.add(new HttpLoggingPolicy(new HttpLogOptions()));
        HttpPipelineBuilder builder = new HttpPipelineBuilder().policies(policies.toArray(HttpPipelinePolicy[]::new));
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        return builder.build();
    }
}
