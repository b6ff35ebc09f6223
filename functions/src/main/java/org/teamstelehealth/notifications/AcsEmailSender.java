package org.teamstelehealth.notifications;

import com.azure.communication.email.EmailClient;
import com.azure.communication.email.models.EmailAddress;
import com.azure.communication.email.models.EmailAttachment;
import com.azure.communication.email.models.EmailMessage;
import com.azure.communication.email.models.EmailSendResult;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * Sends email through Azure Communication Services. The REST API takes an {@code Operation-Id}
 * header for idempotency, but the SDK's public {@code beginSend} never sets it; {@link OperationIdHeader}
 * adds the delivery's own id, so a retry after a crash is the same operation to ACS, not a second email.
 *
 * <p>After ACS accepts (202) it waits up to {@code statusWait} for the operation to finish; an email
 * still running then is left as accepted rather than holding the invocation.
 */
public final class AcsEmailSender implements EmailSender {
    static final String OPERATION_ID = "teams-telehealth.email.operation-id";

    private final EmailClient client;
    private final String sender;
    private final Optional<String> replyTo;
    private final Duration statusWait;

    public AcsEmailSender(EmailClient client, String sender, Optional<String> replyTo, Duration statusWait) {
        this.client = client;
        this.sender = sender;
        this.replyTo = replyTo;
        this.statusWait = statusWait;
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
                    client.beginSend(message, new Context(OPERATION_ID, email.operationId()));
            response = statusWait.isZero() ? poller.poll() : waitAtMost(poller);
        } catch (HttpResponseException e) {
            throw AcsFailures.fromResponse("Email", e);
        } catch (RuntimeException e) {
            throw AcsFailures.unreachable("Email", e);
        }
        if (response != null && response.getStatus() == LongRunningOperationStatus.FAILED) {
            String code = response.getValue() != null && response.getValue().getError() != null
                    ? " [" + response.getValue().getError().getCode() + "]" : "";
            throw new DeliveryException("Email: ACS reported the send as failed" + code, false, null, null);
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

    /** Adds {@code Operation-Id} to the send request from the call's context. */
    static final class OperationIdHeader implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            context.getData(OPERATION_ID).ifPresent(id -> {
                if (context.getHttpRequest().getHttpMethod() == HttpMethod.POST) {
                    context.getHttpRequest().setHeader("Operation-Id", id.toString());
                }
            });
            return next.process();
        }
    }
}
