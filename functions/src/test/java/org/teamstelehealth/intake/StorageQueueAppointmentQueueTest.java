package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

class StorageQueueAppointmentQueueTest {
    private final StorageClients storage = new StorageClients(TestSettings.settings().storage());
    private final String queueName = "appointments-" + UUID.randomUUID().toString().substring(0, 8);
    private final StorageQueueAppointmentQueue queue =
            new StorageQueueAppointmentQueue(() -> storage.queue(queueName), Duration.ofSeconds(10));

    @Test
    void theMessageIsReallyOnTheQueueAsBase64JsonReadableAsAnAppointmentMessage() throws Exception {
        Snapshot snapshot = Json.MAPPER.treeToValue(
                Json.MAPPER.readTree(ContractExamples.body("escaping.json")).get("appointment"), Snapshot.class);
        AppointmentMessage sent = new AppointmentMessage("msg_1", "appointment.created",
                Instant.parse("2027-03-01T00:00:00Z"), 0, snapshot);

        queue.send(queue.encode(sent).orElseThrow());

        // Read it raw, as the Functions queue trigger's storage sees it: base64 of the JSON.
        QueueClient raw = new QueueClientBuilder().connectionString(Azurite.shared().connectionString())
                .queueName(queueName).messageEncoding(QueueMessageEncoding.NONE).buildClient();
        QueueMessageItem item = raw.receiveMessage();
        assertNotNull(item, "nothing on the queue");
        String json = new String(Base64.getDecoder().decode(item.getBody().toString()), StandardCharsets.UTF_8);
        AppointmentMessage received = Json.read(json, AppointmentMessage.class);
        assertEquals(sent, received);
        assertEquals("Zoë <b>", received.snapshot().patient().givenName());
        assertTrue(item.getExpirationTime().getYear() >= 9999, "the message must not expire: " + item.getExpirationTime());
    }

    @Test
    void encodeAgreesWithTheQueueAboutTheSizeLimit() throws Exception {
        AppointmentMessage nearLimit = withControlCharacters(4000, 500, 0);
        AppointmentMessage overLimit = withControlCharacters(4000, 500, 500);

        assertTrue(queue.encode(nearLimit).isPresent());
        assertFalse(queue.encode(overLimit).isPresent());
        queue.send(queue.encode(nearLimit).orElseThrow());
        assertThrows(StorageUnavailableException.class,
                () -> queue.send(new AppointmentQueue.Outgoing(overLimit, Json.write(overLimit))));
    }

    @Test
    void theBodySentIsTheMessageWrittenOnce() throws Exception {
        AppointmentMessage message = withControlCharacters(10, 1, 0);

        AppointmentQueue.Outgoing outgoing = queue.encode(message).orElseThrow();

        assertEquals(message, outgoing.message());
        assertEquals(message, Json.read(outgoing.body(), AppointmentMessage.class));
    }

    /** A valid snapshot whose text fields are made of control characters, which JSON escapes to 6 bytes each. */
    private static AppointmentMessage withControlCharacters(int comments, int locationFields, int patientFields)
            throws Exception {
        JsonNode body = Json.MAPPER.readTree(ContractExamples.body("created.json"));
        ObjectNode appointment = (ObjectNode) body.get("appointment");
        appointment.put("comments", "\u0001".repeat(comments));
        for (String field : new String[] {"description", "display_name", "address1", "address2", "suburb", "state", "postcode", "phone"}) {
            ((ObjectNode) appointment.get("location")).put(field, "\u0001".repeat(locationFields));
        }
        for (String field : new String[] {"mrn", "title", "display_name"}) {
            ((ObjectNode) appointment.get("patient")).put(field, "\u0001".repeat(patientFields));
        }
        Snapshot snapshot = Json.MAPPER.treeToValue(appointment, Snapshot.class);
        return new AppointmentMessage("msg_1", "appointment.created", Instant.EPOCH, 0, snapshot);
    }

    @Test
    void unreachableStorageIsStorageUnavailableKeepingTheCause() {
        QueueClient dead = new QueueClientBuilder()
                .connectionString(TableReceiptStoreTest.deadConnectionString())
                .queueName("appointments")
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, 2, 10L, 10L, null))
                .messageEncoding(QueueMessageEncoding.BASE64)
                .buildClient();
        StorageQueueAppointmentQueue down = new StorageQueueAppointmentQueue(() -> dead, Duration.ofSeconds(2));

        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
                () -> down.send(down.encode(new AppointmentMessage("msg_x", "appointment.deleted", Instant.EPOCH, 0,
                        Snapshot.deleted("47", 9))).orElseThrow()));
        assertNotNull(e.getCause());
    }

    @Test
    void aPutThatIsNeverAnsweredEndsAtTheTimeoutAsStorageUnavailable() throws Exception {
        try (SilentStorage silent = new SilentStorage()) {
            QueueClient hung = new QueueClientBuilder().connectionString(silent.connectionString())
                    .queueName("appointments").messageEncoding(QueueMessageEncoding.BASE64).buildClient();
            StorageQueueAppointmentQueue queue = new StorageQueueAppointmentQueue(() -> hung, Duration.ofSeconds(1));
            AppointmentQueue.Outgoing message = queue.encode(new AppointmentMessage("msg_x", "appointment.deleted",
                    Instant.EPOCH, 0, Snapshot.deleted("47", 9))).orElseThrow();

            // The SDK alone would wait for its try timeout and retry for minutes; intake must answer 503 first.
            assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(StorageUnavailableException.class, () -> queue.send(message)));
        }
    }
}
