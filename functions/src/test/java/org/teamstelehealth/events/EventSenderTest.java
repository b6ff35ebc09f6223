package org.teamstelehealth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.events.EventDelivery.Status;
import org.teamstelehealth.events.EventSender.Outcome;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.MutableClock;

class EventSenderTest {
    static final String SECRET = "whsec_cG1zLWV2ZW50cy10ZXN0LXNlY3JldC0xMjM0NTY3OA==";
    static final String PREVIOUS = "whsec_cHJldmlvdXMtcG1zLWV2ZW50cy1zZWNyZXQtMTIz";
    static final JoinLinks JOIN_LINKS = new JoinLinks("test-join-link-key-that-is-long-enough".getBytes(StandardCharsets.UTF_8),
            URI.create("https://telehealth.example.org/api"));
    private static final Instant START = Instant.parse("2027-03-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryEventDeliveryLog log = new InMemoryEventDeliveryLog();
    private final FakePms pms = new FakePms();
    private final List<Duration> retried = new ArrayList<>();
    private List<String> secrets = List.of(SECRET);

    static PmsEvent ready() {
        return new PmsEvent(PmsEvent.idFor("47", 1), "telehealth.ready", "47", 1, 1, START, Map.of(
                "start", "2027-03-05T05:30:00Z", "end", "2027-03-05T06:00:00Z",
                "participants", List.of(
                        Map.of("participant", "12", "participantType", "Patient", "vendor", "Microsoft Teams",
                                "externalParticipant", "meeting-1"),
                        Map.of("participant", "7", "participantType", "Provider", "vendor", "Microsoft Teams",
                                "externalParticipant", "meeting-1")),
                "joinLink", Map.of("patientId", "12", "nonce", "nonce-1")));
    }

    private EventSender sender(EventSettings settings) {
        return new EventSender(settings, new EventBody(JOIN_LINKS), () -> secrets, pms, log,
                (event, delay) -> retried.add(delay), clock);
    }

    private static EventSettings settings() {
        return new EventSettings(Optional.of(URI.create("https://pms.example.org/events")), List.of(SECRET),
                Duration.ofSeconds(10), Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofHours(1));
    }

    private EventDelivery row() {
        return log.find("47", PmsEvent.idFor("47", 1)).orElseThrow();
    }

    @Test
    void aDeliveredEventIsSignedWithItsIdAndCarriesTheParticipantsTableWithOurJoinLinks() throws Exception {
        pms.answers.add(new PmsEndpoint.Answer(204, Optional.empty()));

        assertEquals(Outcome.DELIVERED, sender(settings()).send(ready()));

        FakePms.Request sent = pms.requests.get(0);
        assertEquals("evt_47_1", sent.headers().get("webhook-id"));
        assertEquals("application/json", sent.headers().get("Content-Type"));
        assertEquals(Long.toString(START.getEpochSecond()), sent.headers().get("webhook-timestamp"));
        new SignatureVerifier(() -> List.of(SECRET), Duration.ofMinutes(5), clock).verify(sent.headers().get("webhook-id"),
                sent.headers().get("webhook-timestamp"), sent.headers().get("webhook-signature"), sent.body());
        JsonNode body = Json.MAPPER.readTree(sent.body());
        assertEquals("telehealth.ready", body.get("type").asText());
        assertEquals("47", body.at("/data/appointmentId").asText());
        assertEquals(1, body.at("/data/sequence").asLong());
        assertEquals(JOIN_LINKS.link("47", "12", JoinLinks.Participant.PATIENT, "nonce-1").toString(),
                body.at("/data/participants/0/entryUrl").asText());
        assertEquals(JOIN_LINKS.link("47", "12", JoinLinks.Participant.PROVIDER, "nonce-1").toString(),
                body.at("/data/participants/1/entryUrl").asText());
        assertTrue(body.at("/data/joinLink").isMissingNode(), "what the links are made of is not sent");
        assertEquals(Status.DELIVERED, row().status());
    }

    @Test
    void duringARotationEachSecretSignsSoThePmsMayHoldEither() throws Exception {
        secrets = List.of(SECRET, PREVIOUS);
        pms.answers.add(new PmsEndpoint.Answer(200, Optional.empty()));

        sender(settings()).send(ready());

        FakePms.Request sent = pms.requests.get(0);
        assertEquals(2, sent.headers().get("webhook-signature").split(" ").length);
        for (String secret : secrets) {
            new SignatureVerifier(() -> List.of(secret), Duration.ofMinutes(5), clock).verify(sent.headers().get("webhook-id"),
                    sent.headers().get("webhook-timestamp"), sent.headers().get("webhook-signature"), sent.body());
        }
    }

    @Test
    void failuresAreRetriedWithTheSameIdAfterDoublingWaitsOrTheRetryAfterUntilDelivered() {
        EventSender sender = sender(settings());
        pms.answers.add(new PmsEndpoint.Answer(500, Optional.empty()));
        pms.answers.add(new PmsEndpoint.Answer(503, Optional.empty()));
        pms.answers.add(new PmsEndpoint.Answer(429, Optional.of(Duration.ofSeconds(7))));
        pms.answers.add(FakePms.TIMEOUT);
        pms.answers.add(new PmsEndpoint.Answer(200, Optional.empty()));

        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(sender.send(ready()));
            clock.advance(Duration.ofMinutes(5));
        }

        assertEquals(List.of(Outcome.RETRY_SCHEDULED, Outcome.RETRY_SCHEDULED, Outcome.RETRY_SCHEDULED,
                Outcome.RETRY_SCHEDULED, Outcome.DELIVERED), outcomes);
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(7),
                Duration.ofSeconds(240)), retried);
        assertEquals(List.of("evt_47_1"), pms.requests.stream().map(r -> r.headers().get("webhook-id")).distinct().toList());
        assertEquals(5, row().attempts());
        assertEquals(Status.DELIVERED, row().status());
    }

    @Test
    void aTimedOutPostIsRetriedAndSaysSo() {
        pms.answers.add(FakePms.TIMEOUT);

        assertEquals(Outcome.RETRY_SCHEDULED, sender(settings()).send(ready()));

        assertEquals("timed out after 10 s", row().lastResult());
        assertEquals(START.plusSeconds(30), row().nextAttemptAt());
    }

    @Test
    void withNoSigningSecretNothingGoesUnsignedAndItIsRetried() {
        secrets = List.of();

        assertEquals(Outcome.RETRY_SCHEDULED, sender(settings()).send(ready()));

        assertTrue(pms.requests.isEmpty());
        assertTrue(row().lastResult().contains("no signing secret"), row().lastResult());
    }

    @Test
    void goneStopsItAtOnce() {
        pms.answers.add(new PmsEndpoint.Answer(410, Optional.empty()));
        EventSender sender = sender(settings());

        assertEquals(Outcome.GONE, sender.send(ready()));
        assertEquals(Outcome.ALREADY_SETTLED, sender.send(ready()));

        assertEquals(1, pms.requests.size());
        assertTrue(retried.isEmpty());
        assertEquals(Status.GONE, row().status());
    }

    @Test
    void aPmsStillFailingADayAfterTheFirstAttemptIsRecordedFinallyFailed() {
        EventSender sender = sender(settings());
        Outcome outcome = null;
        int attempts = 0;
        while (outcome != Outcome.FAILED && attempts < 100) {
            pms.answers.add(new PmsEndpoint.Answer(500, Optional.empty()));
            outcome = sender.send(ready());
            attempts++;
            if (!retried.isEmpty()) {
                clock.advance(retried.get(retried.size() - 1));
            }
        }

        assertEquals(Outcome.FAILED, outcome);
        assertTrue(clock.instant().isAfter(START.plus(Duration.ofHours(23))), "retried for about a day: " + clock.instant());
        assertEquals(Status.FAILED, row().status());
        assertTrue(row().lastResult().startsWith("HTTP 500; given up after " + attempts + " attempts"), row().lastResult());
        assertEquals(Outcome.ALREADY_SETTLED, sender.send(ready()));
    }

    @Test
    void aDeliveredEventQueuedTwiceByTheOutboxGoesOnce() {
        pms.answers.add(new PmsEndpoint.Answer(200, Optional.empty()));
        EventSender sender = sender(settings());

        sender.send(ready());
        assertEquals(Outcome.ALREADY_SETTLED, sender.send(ready()));

        assertEquals(1, pms.requests.size());
    }

    @Test
    void withoutAUrlEventsAreRecordedAsNotSent() {
        EventSettings off = new EventSettings(Optional.empty(), List.of(), Duration.ofSeconds(10), Duration.ofHours(24),
                Duration.ofSeconds(30), Duration.ofHours(1));

        assertEquals(Outcome.NOT_SENT, sender(off).send(ready()));

        assertTrue(pms.requests.isEmpty());
        assertEquals(Status.NOT_SENT, row().status());
        Map<?, ?> section = (Map<?, ?>) new EventsSection(log, off).describe(
                org.teamstelehealth.testing.Appointments.ready("47", "2027-03-05T16:00:00+10:30"));
        assertTrue(section.get("sending").toString().contains("PMS_EVENTS_URL is not set"), section.toString());
    }

    @Test
    void theStatusShowsAnEventThePmsRefusedForGood() {
        pms.answers.add(new PmsEndpoint.Answer(410, Optional.empty()));
        sender(settings()).send(ready());

        Map<?, ?> section = (Map<?, ?>) new EventsSection(log, settings()).describe(
                org.teamstelehealth.testing.Appointments.ready("47", "2027-03-05T16:00:00+10:30"));

        assertEquals("on", section.get("sending"));
        Map<?, ?> row = (Map<?, ?>) ((List<?>) section.get("deliveries")).get(0);
        assertEquals("gone", row.get("status"));
        assertEquals("evt_47_1", row.get("id"));
    }

    /** The PMS: scripted answers, in order ({@link #TIMEOUT}: no answer in time), then 200s. */
    static final class FakePms implements PmsEndpoint {
        static final Answer TIMEOUT = new Answer(-1, Optional.empty());

        record Request(Map<String, String> headers, byte[] body) {}

        final Deque<Answer> answers = new ArrayDeque<>();
        final List<Request> requests = new ArrayList<>();

        @Override
        public Answer post(Map<String, String> headers, byte[] body) throws PmsUnreachableException {
            requests.add(new Request(Map.copyOf(headers), body.clone()));
            Answer answer = answers.isEmpty() ? new Answer(200, Optional.empty()) : answers.poll();
            if (answer == TIMEOUT) {
                throw new PmsUnreachableException("timed out after 10 s", null);
            }
            return answer;
        }
    }
}
