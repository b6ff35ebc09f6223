package org.teamstelehealth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentService;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.appointments.Meeting;
import org.teamstelehealth.appointments.MeetingGateway;
import org.teamstelehealth.appointments.Outbox;
import org.teamstelehealth.appointments.PatientResponse;
import org.teamstelehealth.appointments.PatientResponses;
import org.teamstelehealth.appointments.PermanentMeetingException;
import org.teamstelehealth.appointments.RetryPolicy;
import org.teamstelehealth.attendance.AppointmentFollower;
import org.teamstelehealth.attendance.AttendanceReports;
import org.teamstelehealth.attendance.AttendanceRules;
import org.teamstelehealth.attendance.AttendanceService;
import org.teamstelehealth.attendance.AttendanceSettings;
import org.teamstelehealth.attendance.Attendee;
import org.teamstelehealth.attendance.InMemoryAttendanceIndex;
import org.teamstelehealth.attendance.ReportsException;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.Delivery;
import org.teamstelehealth.notifications.DeliveryStatus;
import org.teamstelehealth.notifications.PmsDeliveryFailures;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.ContractExamples;

/**
 * contract/events/ is our contract with the PMS, tested as the inbound one is: every example keeps its schema, every
 * schema has an example and a README section, and the bodies the sender actually builds keep the schemas.
 */
class EventsContractTest {
    private static final Path FOLDER = Azurite.projectRoot().resolve("contract/events");
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

    static List<String> types() {
        try (Stream<Path> files = Files.list(FOLDER.resolve("schemas"))) {
            return files.map(p -> p.getFileName().toString().replace(".schema.json", "")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path path) {
        try {
            return Json.MAPPER.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema schema(String type) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(read(FOLDER.resolve("schemas/" + type + ".schema.json")), config);
    }

    private static Set<ValidationMessage> validate(JsonNode body) {
        return schema(body.get("type").asText()).validate(body);
    }

    @ParameterizedTest
    @MethodSource("types")
    void eachEventsExampleKeepsItsSchemaAndTheReadmeDescribesIt(String type) throws Exception {
        JsonNode example = read(FOLDER.resolve("examples/" + type + ".json"));

        assertEquals(type, example.get("type").asText());
        assertEquals(Set.of(), validate(example), type);
        assertTrue(Files.readString(FOLDER.resolve("README.md")).contains("### `" + type + "`"), "README section for " + type);
    }

    @Test
    void theSchemasRefuseWhatThePmsMustNotGet() {
        ObjectNode ready = (ObjectNode) read(FOLDER.resolve("examples/telehealth.ready.json"));
        ((ObjectNode) ready.get("data")).putObject("joinLink").put("nonce", "x");
        assertFalse(validate(ready).isEmpty(), "what a link is made of never goes out");

        ObjectNode failed = (ObjectNode) read(FOLDER.resolve("examples/notification.failed.json"));
        ((ObjectNode) failed.get("data")).put("channel", "fax");
        assertFalse(validate(failed).isEmpty());

        ObjectNode unsequenced = (ObjectNode) read(FOLDER.resolve("examples/telehealth.removed.json"));
        ((ObjectNode) unsequenced.get("data")).remove("sequence");
        assertFalse(validate(unsequenced).isEmpty());
    }

    @Test
    void everyBodyTheSenderBuildsKeepsItsSchema() throws Exception {
        List<PmsEvent> recorded = new ArrayList<>();
        InMemoryAppointmentStore store = new InMemoryAppointmentStore();
        Meetings meetings = new Meetings();
        AppointmentService service = new AppointmentService(store, meetings, intent -> { }, recorded::add,
                (message, delay) -> { }, new RetryPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20), Duration.ofSeconds(600)));
        service.apply(ContractExamples.message("lifecycle-1-created.json"), NOW);
        service.apply(ContractExamples.message("lifecycle-2-rescheduled.json"), NOW);
        service.reissueJoinLinks("48", NOW);
        service.apply(ContractExamples.message("lifecycle-4-cancelled.json"), NOW);
        meetings.refuse = true;
        service.apply(ContractExamples.message("created.json"), NOW);
        new PmsDeliveryFailures(new AppointmentUpdates(store, new Outbox(store, intent -> { }, recorded::add)),
                Clock.fixed(NOW, ZoneOffset.UTC)).failed(new Delivery("48", "INVITATION-0-sms",
                NotificationIntent.Kind.INVITATION, 0, Delivery.Channel.SMS, DeliveryStatus.SENDING, "op", NOW, 1, null, 1,
                "GSM7", null, null, NOW, null), "SMS: ACS answered HTTP 400 (the number or address was rejected)");

        Set<String> seen = new TreeSet<>();
        for (PmsEvent event : recorded) {
            JsonNode body = Json.MAPPER.readTree(new EventBody(EventSenderTest.JOIN_LINKS).of(event));
            assertEquals(Set.of(), validate(body), body.toString());
            seen.add(event.type());
        }
        assertEquals(Set.of("telehealth.ready", "telehealth.removed", "telehealth.failed", "notification.failed"), seen);
    }

    /**
     * Attendance and patient events carry members that are null on purpose ({@code patientWaitMinutes} when unknown):
     * their bodies are built as they travel, through the appointment row's JSON and the events queue's JSON, then
     * {@link EventBody}, and must keep the schemas that require those members.
     */
    @Test
    void attendanceAndPatientBodiesAsSentKeepTheirSchemas() throws Exception {
        List<PmsEvent> recorded = new ArrayList<>();
        InMemoryAppointmentStore store = new InMemoryAppointmentStore();
        AppointmentUpdates updates = new AppointmentUpdates(store, new Outbox(store, intent -> { }, recorded::add));
        AttendanceSettings settings = new AttendanceSettings(Duration.ofMinutes(15), Duration.ofMinutes(10),
                Duration.ofHours(1), Duration.ofHours(24));
        InMemoryAttendanceIndex index = new InMemoryAttendanceIndex();
        Map<String, Object> answers = new HashMap<>();
        AttendanceReports reports = (organizerId, meetingId) -> {
            Object answer = answers.get(meetingId);
            if (answer instanceof ReportsException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<Attendee> attendees = (List<Attendee>) answer;
            return attendees;
        };
        Instant start = Instant.parse("2027-03-05T05:30:00Z");
        Attendee provider = new Attendee("organiser-1", null, "Organizer",
                List.of(new Attendee.Interval(start.plusSeconds(240), start.plusSeconds(1320), 1080)), 1080);
        Attendee patient = new Attendee(null, null, "Attendee",
                List.of(new Attendee.Interval(start.plusSeconds(60), start.plusSeconds(1260), 1200)), 1200);
        answers.put("meeting-attended", List.of(provider, patient));
        answers.put("meeting-noshow", List.of(provider));
        answers.put("meeting-absent", List.of(patient));
        answers.put("meeting-unknown", new ReportsException(ReportsException.Kind.GONE, "404", null, null));
        AppointmentFollower follower = new AppointmentFollower(index, settings);
        for (String id : List.of("attended", "noshow", "absent", "unknown")) {
            Appointment saved = store.save(Appointments.ready(id, "2027-03-05T16:00:00+10:30").withEtag(null));
            follower.applied(saved, saved.updatedAt());
        }
        new AttendanceService(index, reports, store, updates, (id, now) -> { }, new AttendanceRules("tenant-1"), settings)
                .run(Instant.parse("2027-03-05T06:16:00Z"));
        PatientResponses responses = new PatientResponses(updates);
        store.save(Appointments.ready("answers", "2027-03-05T16:00:00+10:30").withEtag(null));
        responses.record("answers", PatientResponse.Kind.CONFIRMED, "sms", NOW);
        responses.record("answers", PatientResponse.Kind.CANCELLATION_REQUESTED, "page", NOW.plusSeconds(60));

        Set<String> seen = new TreeSet<>();
        for (PmsEvent event : recorded) {
            PmsEvent queued = Json.read(Json.write(event), PmsEvent.class);
            JsonNode body = Json.MAPPER.readTree(new EventBody(EventSenderTest.JOIN_LINKS).of(queued));
            assertEquals(Set.of(), validate(body), body.toString());
            seen.add(event.type());
        }
        assertEquals(Set.of("telehealth.attended", "telehealth.no_show", "telehealth.provider_absent",
                "telehealth.attendance_unknown", "patient.confirmed", "patient.cancellation_requested"), seen);
    }

    /** Graph in a line: makes what it is asked, or refuses it for good. */
    private static final class Meetings implements MeetingGateway {
        boolean refuse;

        @Override
        public String organizerOf(Snapshot snapshot) {
            return "organizer-" + snapshot.provider().id();
        }

        @Override
        public Meeting create(Snapshot snapshot, String externalId) throws PermanentMeetingException {
            if (refuse) {
                throw new PermanentMeetingException("no Teams application access policy for organiser 7", null);
            }
            return new Meeting("meeting-" + externalId, organizerOf(snapshot), "https://teams.microsoft.com/l/meetup-join/x",
                    snapshot.startInstant(), snapshot.endInstant());
        }

        @Override
        public Meeting move(Meeting meeting, Snapshot snapshot) {
            return meeting.withTimes(snapshot.startInstant(), snapshot.endInstant());
        }

        @Override
        public void delete(Meeting meeting) {
        }
    }
}
