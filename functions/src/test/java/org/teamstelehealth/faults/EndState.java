package org.teamstelehealth.faults;

import com.azure.storage.queue.models.PeekedMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.TelehealthStatus;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.calendar.CalendarIdentity;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.Delivery;
import org.teamstelehealth.notifications.DeliveryStatus;
import org.teamstelehealth.platform.Json;

/**
 * The promises checked on what is left, not on the steps: read from the appointments and deliveries tables, the
 * Graph stand-in's live meetings, the ACS stand-in's request journal and the poison queues. Each problem is
 * one line naming the appointment; {@link #problems} is empty when every promise holds.
 *
 * <ul>
 *   <li>An appointment whose newest snapshot wants a meeting has exactly one live meeting on Graph, the row's,
 *       with that snapshot's start and end; a removed one has none.
 *   <li>Each change the app decided to tell the patient (a delivery key) went exactly once per channel: one SMS
 *       (ACS repeats of one repeatability id count once, as ACS sends once) and one email, and no message went
 *       that no delivery accounts for. Every delivery is SENT.
 *   <li>Every accepted webhook is applied (the row is at its version or newer) or the row is FAILED with a reason.
 *   <li>Nothing of these appointments sits in {@code appointments-poison} or {@code notifications-poison},
 *       and no row still carries intents that never reached the notifications queue.
 * </ul>
 */
final class EndState {
    private static final Pattern UID = Pattern.compile("(?m)^UID:(.+?)\\r?$");
    private static final Pattern SEQUENCE = Pattern.compile("(?m)^SEQUENCE:(\\d+)\\r?$");
    private static final Pattern METHOD = Pattern.compile("(?m)^METHOD:(\\w+)\\r?$");

    private final FaultRig rig;
    private final Application reader;
    private final Map<String, Snapshot> newest;
    private final Set<String> poisonAllowed = new HashSet<>();
    /** What each email change went as, to name in a problem. */
    private final Map<String, List<String>> sendsByChange = new HashMap<>();

    /** @param newest each appointment's newest snapshot the PMS sent */
    EndState(FaultRig rig, Map<String, Snapshot> newest) {
        this.rig = rig;
        this.reader = rig.reader();
        this.newest = Map.copyOf(newest);
    }

    /** An appointment whose message is expected in a poison queue (the scenario put it there). */
    EndState allowPoison(String appointmentId) {
        poisonAllowed.add(appointmentId);
        return this;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, List<JsonNode>> live = liveMeetings();
        Map<String, Integer> smsByTag = smsSentByTag();
        Map<String, Integer> emailsByChange = emailsSentByChange();
        for (Map.Entry<String, Snapshot> entry : newest.entrySet()) {
            String id = entry.getKey();
            Snapshot wanted = entry.getValue();
            Optional<Appointment> row = reader.appointments().find(id);
            if (row.isEmpty()) {
                problems.add(id + ": no row, though the PMS's version " + wanted.version() + " was accepted");
                continue;
            }
            meeting(id, wanted, row.get(), live.getOrDefault(id, List.of()), problems);
            deliveries(id, smsByTag, emailsByChange, problems);
            if (!row.get().pendingIntents().isEmpty()) {
                problems.add(id + ": intents never enqueued " + row.get().pendingIntents().size());
            }
        }
        accepted(problems);
        poison("appointments-poison", problems);
        poison("notifications-poison", problems);
        return problems;
    }

    private void meeting(String id, Snapshot wanted, Appointment row, List<JsonNode> live, List<String> problems) {
        if (row.version() != wanted.version()) {
            problems.add(id + ": row at version " + row.version() + ", the newest sent is " + wanted.version());
        }
        if (!wanted.wantsMeeting()) {
            if (!live.isEmpty()) {
                problems.add(id + ": removed, yet " + live.size() + " live meeting(s) on Graph");
            }
            return;
        }
        if (row.status() != TelehealthStatus.READY || row.meeting() == null) {
            problems.add(id + ": status " + row.status() + " (" + row.failureReason() + "), not ready with a meeting");
            return;
        }
        if (live.size() != 1) {
            problems.add(id + ": " + live.size() + " live meetings on Graph, not exactly one");
            return;
        }
        JsonNode meeting = live.get(0);
        if (!meeting.path("id").asText().equals(row.meeting().meetingId())) {
            problems.add(id + ": the live meeting is not the row's");
        }
        Instant start = OffsetDateTime.parse(meeting.path("startDateTime").asText()).toInstant();
        Instant end = OffsetDateTime.parse(meeting.path("endDateTime").asText()).toInstant();
        if (!start.equals(wanted.startInstant()) || !end.equals(wanted.endInstant())) {
            problems.add(id + ": meeting " + start + ".." + end + ", newest snapshot " + wanted.startInstant() + ".."
                    + wanted.endInstant());
        }
    }

    private void deliveries(String id, Map<String, Integer> smsByTag, Map<String, Integer> emailsByChange,
            List<String> problems) {
        List<Delivery> deliveries = reader.deliveryLog().forAppointment(id);
        int sms = 0;
        int email = 0;
        for (Delivery d : deliveries) {
            if (d.status() != DeliveryStatus.SENT && d.status() != DeliveryStatus.DELIVERED) {
                problems.add(id + ": delivery " + d.key() + " is " + d.status() + " (" + d.reason() + ")");
            }
            if (d.channel() == Delivery.Channel.SMS) {
                sms++;
                int sent = smsByTag.getOrDefault(id + "/" + d.key(), 0);
                if (sent != 1) {
                    problems.add(id + ": delivery " + d.key() + " went as " + sent + " SMS");
                }
            } else {
                email++;
                String change = CalendarIdentity.uid(id) + " " + method(d) + " " + d.sequence();
                int sent = emailsByChange.getOrDefault(change, 0);
                if (sent != 1) {
                    problems.add(id + ": delivery " + d.key() + " went as " + sent + " emails "
                            + sendsByChange.getOrDefault(change, List.of()) + "; the delivery has operation "
                            + d.operationId() + ", first attempt " + d.firstAttemptAt() + ", " + d.attempts() + " attempts");
                }
            }
        }
        long smsSent = smsByTag.entrySet().stream().filter(e -> e.getKey().startsWith(id + "/"))
                .mapToInt(Map.Entry::getValue).sum();
        long emailsSent = emailsByChange.entrySet().stream()
                .filter(e -> e.getKey().startsWith(CalendarIdentity.uid(id) + " ")).mapToInt(Map.Entry::getValue).sum();
        if (smsSent != sms || emailsSent != email) {
            problems.add(id + ": ACS sent " + smsSent + " SMS and " + emailsSent + " emails for " + sms + " and " + email
                    + " deliveries");
        }
        boolean invited = deliveries.stream().anyMatch(d -> d.kind().name().equals("INVITATION"));
        if (!invited && newest.get(id).wantsMeeting()) {
            problems.add(id + ": the patient was never invited");
        }
    }

    private static String method(Delivery d) {
        return d.kind().name().equals("CANCELLATION") ? "CANCEL" : "REQUEST";
    }

    private void accepted(List<String> problems) {
        for (FaultRig.Posted posted : rig.accepted) {
            if (!newest.containsKey(posted.appointmentId())) {
                continue;
            }
            Optional<Appointment> row = reader.appointments().find(posted.appointmentId());
            boolean applied = row.isPresent() && row.get().version() >= posted.version();
            boolean visiblyFailed = row.isPresent() && row.get().status() == TelehealthStatus.FAILED
                    && row.get().failureReason() != null && !row.get().failureReason().isBlank();
            if (!applied && !visiblyFailed) {
                problems.add(posted.appointmentId() + ": accepted version " + posted.version() + " was neither applied"
                        + " nor failed with a reason");
            }
        }
    }

    private void poison(String queue, List<String> problems) {
        for (PeekedMessageItem message : reader.storage().queue(queue).peekMessages(32, null, null)) {
            String text = readable(message.getBody().toString());
            for (String id : newest.keySet()) {
                if (text.contains("\"" + id + "\"") && !poisonAllowed.contains(id)) {
                    problems.add(id + ": a message in " + queue);
                }
            }
        }
    }

    private static String readable(String body) {
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    /** Graph's live meetings by the appointment their externalId names. */
    private Map<String, List<JsonNode>> liveMeetings() {
        Map<String, List<JsonNode>> byAppointment = new HashMap<>();
        for (JsonNode meeting : rig.graph.meetings().values()) {
            Matcher m = Pattern.compile("teams-telehealth-(.+?)(-\\d+)?").matcher(meeting.path("externalId").asText());
            if (m.matches()) {
                byAppointment.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(meeting);
            }
        }
        return byAppointment;
    }

    /** SMS ACS accepted, by the tag the app gives each (appointment/delivery key); one per repeatability id. */
    private Map<String, Integer> smsSentByTag() {
        Map<String, Integer> byTag = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ServeEvent event : acceptedSends("/sms")) {
            JsonNode body = Json.read(event.getRequest().getBodyAsString(), JsonNode.class);
            if (seen.add(body.at("/smsRecipients/0/repeatabilityRequestId").asText())) {
                byTag.merge(body.at("/smsSendOptions/tag").asText(), 1, Integer::sum);
            }
        }
        return byTag;
    }

    /** Emails ACS accepted, by their invite's "UID METHOD SEQUENCE"; one per repeatability id. */
    private Map<String, Integer> emailsSentByChange() {
        Map<String, Integer> byChange = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ServeEvent event : acceptedSends("/emails:send")) {
            if (!seen.add(String.valueOf(event.getRequest().getHeader("Repeatability-Request-Id")))) {
                continue;
            }
            JsonNode body = Json.read(event.getRequest().getBodyAsString(), JsonNode.class);
            String change = "no-invite";
            for (JsonNode attachment : body.path("attachments")) {
                if (attachment.path("contentType").asText().startsWith("text/calendar")) {
                    String ics = new String(Base64.getDecoder().decode(attachment.path("contentInBase64").asText()),
                            StandardCharsets.UTF_8);
                    change = group(UID, ics) + " " + group(METHOD, ics) + " " + group(SEQUENCE, ics);
                }
            }
            byChange.merge(change, 1, Integer::sum);
            sendsByChange.computeIfAbsent(change, k -> new ArrayList<>()).add("Operation-Id "
                    + event.getRequest().getHeader("Operation-Id") + " first sent "
                    + event.getRequest().getHeader("Repeatability-First-Sent") + " at "
                    + event.getRequest().getLoggedDate().toInstant());
        }
        return byChange;
    }

    /**
     * Sends ACS took: answered 2xx, or marked {@link AcsFaults#ACCEPTED_THEN_LOST} (ACS took it; the answer never
     * reached the app).
     */
    private List<ServeEvent> acceptedSends(String path) {
        return rig.acs.server().getAllServeEvents().stream()
                .filter(e -> "POST".equals(e.getRequest().getMethod().getName()))
                .filter(e -> e.getRequest().getUrl().replaceAll("\\?.*", "").equals(path))
                .filter(e -> e.getResponse().getStatus() < 300 || AcsFaults.acceptedThenLost(e))
                .toList();
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).trim() : "?";
    }
}
