package org.teamstelehealth.notifications;

import com.azure.communication.sms.SmsClient;
import com.azure.communication.sms.models.SmsSendOptions;
import com.azure.communication.sms.models.SmsSendResult;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.teamstelehealth.platform.Adapter;
import reactor.core.publisher.Mono;

/**
 * Sends SMS through Azure Communication Services. The SDK gives every call a fresh random
 * {@code repeatabilityRequestId} and "now" as {@code repeatabilityFirstSent}, which would let a
 * retry after a crash text the patient twice; {@link StableRepeatability} (which must run before
 * the HMAC signature, see {@code AcsClients}) replaces them with the delivery's own operation id
 * and first-attempt time, so ACS recognises the retry and sends nothing new. Every SMS asks for a
 * delivery report ({@code enableDeliveryReport}), tagged with the delivery's key, which ACS publishes
 * to Event Grid ({@code Microsoft.Communication.SMSDeliveryReportReceived}).
 */
@Adapter
public final class AcsSmsSender implements SmsSender {
    static final String OPERATION_ID = "teams-telehealth.sms.repeatability-request-id";
    static final String FIRST_SENT = "teams-telehealth.sms.repeatability-first-sent";
    /** The format the SDK itself uses for repeatabilityFirstSent (RFC 1123, GMT). */
    static final DateTimeFormatter FIRST_SENT_FORMAT =
            DateTimeFormatter.ofPattern("E, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final SmsClient client;
    private final String from;
    private final AcsFailures failures;

    /** @param clock the now an HTTP-date Retry-After is measured from */
    public AcsSmsSender(SmsClient client, String from, Clock clock) {
        this.client = client;
        this.from = from;
        this.failures = new AcsFailures(clock);
    }

    /**
     * The first attempt's time, unchanged: ACS refuses a known repeatability id with a new first-sent,
     * and answers 412 to one older than the 5 minutes it tracks. Renewing an old delivery (a fresh id,
     * first sent now) is the caller's decision ({@code NotificationService}), never done here.
     */
    static String repeatabilityFirstSent(Instant firstAttemptAt) {
        return FIRST_SENT_FORMAT.format(firstAttemptAt == null ? Instant.now() : firstAttemptAt);
    }

    @Override
    public String send(Sms sms) throws DeliveryException {
        Context context = new Context(OPERATION_ID, sms.operationId())
                .addData(FIRST_SENT, repeatabilityFirstSent(sms.firstAttemptAt()));
        Iterable<SmsSendResult> results;
        try {
            SmsSendOptions options = new SmsSendOptions().setDeliveryReportEnabled(true);
            if (sms.tag() != null) {
                options.setTag(sms.tag());
            }
            results = client.sendWithResponse(from, List.of(sms.to()), sms.text(), options, context).getValue();
        } catch (HttpResponseException e) {
            throw failures.fromResponse("SMS", e);
        } catch (RuntimeException e) {
            throw failures.unreachable("SMS", e);
        }
        Iterator<SmsSendResult> each = results.iterator();
        if (!each.hasNext()) {
            throw new TransientDeliveryException("SMS: ACS answered without a result for the recipient", null, null);
        }
        SmsSendResult result = each.next();
        if (!result.isSuccessful()) {
            // A 202 can still carry a per-recipient failure: not a success.
            throw failures.fromStatus("SMS", result.getHttpStatusCode(), result.getErrorMessage());
        }
        return result.getMessageId();
    }

    /** Rewrites the send request's per-recipient repeatability fields from the call's context. */
    public static final class StableRepeatability implements HttpPipelinePolicy {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            Object operationId = context.getData(OPERATION_ID).orElse(null);
            Object firstSent = context.getData(FIRST_SENT).orElse(null);
            BinaryData body = context.getHttpRequest().getBodyAsBinaryData();
            if (operationId != null && context.getHttpRequest().getHttpMethod() == HttpMethod.POST && body != null) {
                context.getHttpRequest().setBody(rewrite(body.toBytes(), operationId.toString(), String.valueOf(firstSent)));
            }
            return next.process();
        }

        private static byte[] rewrite(byte[] body, String operationId, String firstSent) {
            try {
                JsonNode json = MAPPER.readTree(body);
                JsonNode recipients = json.path("smsRecipients");
                int index = 0;
                for (JsonNode recipient : recipients) {
                    // One id per recipient; we send to one, so it is the operation id itself.
                    String id = index == 0 ? operationId
                            : java.util.UUID.nameUUIDFromBytes((operationId + "/" + index).getBytes()).toString();
                    ((ObjectNode) recipient).put("repeatabilityRequestId", id);
                    ((ObjectNode) recipient).put("repeatabilityFirstSent", firstSent);
                    index++;
                }
                return MAPPER.writeValueAsBytes(json);
            } catch (IOException e) {
                throw new IllegalStateException("The SMS request body is not JSON", e);
            }
        }
    }
}
