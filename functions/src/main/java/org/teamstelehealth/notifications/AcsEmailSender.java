package org.teamstelehealth.notifications;

import com.azure.communication.email.EmailClient;
import com.azure.communication.email.models.EmailAddress;
import com.azure.communication.email.models.EmailAttachment;
import com.azure.communication.email.models.EmailMessage;
import com.azure.communication.email.models.EmailSendResult;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Json;
import reactor.core.publisher.Mono;

/**
 * Sends email through Azure Communication Services, once per delivery:
 * <ul>
 *   <li>{@link IdempotencyHeaders} gives the send the delivery's own id as {@code Operation-Id}
 *       (the SDK's public {@code beginSend} sends none) and as {@code Repeatability-Request-Id}
 *       with the first attempt's time as {@code Repeatability-First-Sent} (the SDK would send none),
 *       so ACS treats a repeat within its repeatability window (5 minutes) as the same request, provided
 *       it is the same bytes (ACS answers 400 to a repeat that does not match its first);</li>
 *   <li>{@link #has} asks ACS for the status of an operation id, so a retry can tell whether an
 *       earlier attempt already got through.</li>
 * </ul>
 * After ACS accepts (202) it waits up to {@code statusWait} for the operation to finish; an email
 * still running then is left as accepted rather than holding the invocation.
 */
@Adapter
public final class AcsEmailSender implements EmailSender {
    static final String OPERATION_ID = "teams-telehealth.email.operation-id";
    static final String FIRST_SENT = "teams-telehealth.email.repeatability-first-sent";
    static final String API_VERSION = "2023-03-31";

    private final EmailClient client;
    private final HttpPipeline pipeline;
    private final String endpoint;
    private final String sender;
    private final Optional<String> replyTo;
    private final Duration statusWait;
    private final AcsFailures failures;

    /**
     * @param pipeline and {@code endpoint}: the client's own, to ask for an earlier operation's status
     * @param clock the now an HTTP-date Retry-After is measured from
     */
    public AcsEmailSender(EmailClient client, HttpPipeline pipeline, String endpoint, String sender,
                          Optional<String> replyTo, Duration statusWait, Clock clock) {
        this.client = client;
        this.pipeline = pipeline;
        this.endpoint = endpoint.replaceAll("/+$", "");
        this.sender = sender;
        this.replyTo = replyTo;
        this.statusWait = statusWait;
        this.failures = new AcsFailures(clock);
    }

    @Override
    public void send(Email email) throws DeliveryException {
        EmailMessage message = new EmailMessage()
                .setSenderAddress(sender)
                .setToRecipients(email.to().stream().map(EmailAddress::new).toList())
                .setSubject(email.subject())
                .setBodyHtml(email.html())
                .setBodyPlainText(email.plainText())
                .setAttachments(email.attachments().stream()
                        .map(a -> new EmailAttachment(a.name(), a.contentType(), BinaryData.fromBytes(a.content())))
                        .toList());
        replyTo.ifPresent(address -> message.setReplyTo(new EmailAddress(address)));
        PollResponse<EmailSendResult> response;
        try {
            SyncPoller<EmailSendResult, EmailSendResult> poller =
                    client.beginSend(message, new Context(OPERATION_ID, email.operationId())
                            .addData(FIRST_SENT, AcsSmsSender.repeatabilityFirstSent(email.firstAttemptAt())));
            response = statusWait.isZero() ? poller.poll() : waitAtMost(poller);
        } catch (HttpResponseException e) {
            throw failures.fromResponse("Email", e);
        } catch (RuntimeException e) {
            throw failures.unreachable("Email", e);
        }
        if (response != null && response.getStatus() == LongRunningOperationStatus.FAILED) {
            String code = response.getValue() != null && response.getValue().getError() != null
                    ? " [" + response.getValue().getError().getCode() + "]" : "";
            throw new PermanentDeliveryException("Email: ACS reported the send as failed" + code, null);
        }
    }

    /** ACS's {@code GET /emails/operations/{id}}: 404 is "never had it". */
    @Override
    public boolean has(String operationId) throws DeliveryException {
        HttpRequest request = new HttpRequest(HttpMethod.GET,
                endpoint + "/emails/operations/" + operationId + "?api-version=" + API_VERSION);
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            if (status == 404) {
                return false;
            }
            if (status != 200) {
                throw failures.fromStatus("Email status", status, null);
            }
            String state = Json.MAPPER.readTree(response.getBodyAsBinaryData().toBytes()).path("status").asText();
            if ("Failed".equalsIgnoreCase(state) || "Canceled".equalsIgnoreCase(state)) {
                throw new PermanentDeliveryException("Email: ACS reported the earlier attempt as " + state.toLowerCase(), null);
            }
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            throw failures.unreachable("Email status", e);
        }
    }

    private PollResponse<EmailSendResult> waitAtMost(SyncPoller<EmailSendResult, EmailSendResult> poller) {
        try {
            return poller.waitForCompletion(statusWait);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TimeoutException) {
                    return null; // accepted, still running: ACS has it under our operation id
                }
            }
            throw e;
        }
    }

    /** Adds {@code Operation-Id} and the repeatability headers to the send request from the call's context. */
    public static final class IdempotencyHeaders implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            context.getData(OPERATION_ID).ifPresent(id -> {
                if (context.getHttpRequest().getHttpMethod() == HttpMethod.POST) {
                    context.getHttpRequest().setHeader("Operation-Id", id.toString());
                    context.getHttpRequest().setHeader("Repeatability-Request-Id", id.toString());
                    context.getData(FIRST_SENT).ifPresent(firstSent ->
                            context.getHttpRequest().setHeader("Repeatability-First-Sent", firstSent.toString()));
                }
            });
            return next.process();
        }
    }
}
