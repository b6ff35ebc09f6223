package org.teamstelehealth.appointments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.teamstelehealth.messages.Snapshot;

/** A {@link MeetingGateway} in memory, with Graph's idempotence (createOrGet by appointment), and scripted failures. */
final class FakeMeetings implements MeetingGateway {
    final Map<String, Meeting> meetings = new ConcurrentHashMap<>();
    final List<String> calls = new ArrayList<>();
    /** Thrown by the next call, once. */
    MeetingException failNext;
    /** How many of the next moves Graph throttles (429 with a 42 s Retry-After). */
    int throttledMoves;

    @Override
    public String organizerOf(Snapshot snapshot) {
        return "organizer-" + snapshot.provider().id();
    }

    @Override
    public synchronized Meeting create(Snapshot snapshot, String externalId) throws MeetingException {
        record("create " + externalId);
        // Graph keys createOrGet by organiser and externalId.
        String id = "meeting-" + externalId + "-" + organizerOf(snapshot);
        Meeting meeting = meetings.computeIfAbsent(id, k -> new Meeting(k, organizerOf(snapshot),
                "https://teams.microsoft.com/l/meetup-join/" + k, snapshot.startInstant(), snapshot.endInstant()));
        meeting = new Meeting(meeting.meetingId(), meeting.organizerId(), meeting.joinWebUrl(), snapshot.startInstant(),
                snapshot.endInstant());
        meetings.put(id, meeting);
        return meeting;
    }

    @Override
    public synchronized Meeting move(Meeting meeting, Snapshot snapshot) throws MeetingException {
        record("move " + snapshot.id());
        if (throttledMoves > 0) {
            throttledMoves--;
            throw new TransientMeetingException("429 Too Many Requests", java.time.Duration.ofSeconds(42), null);
        }
        Meeting moved = new Meeting(meeting.meetingId(), meeting.organizerId(), meeting.joinWebUrl(),
                snapshot.startInstant(), snapshot.endInstant());
        meetings.put(meeting.meetingId(), moved);
        return moved;
    }

    @Override
    public synchronized void delete(Meeting meeting) throws MeetingException {
        record("delete " + meeting.meetingId());
        meetings.remove(meeting.meetingId());
    }

    private void record(String call) throws MeetingException {
        calls.add(call);
        if (failNext != null) {
            MeetingException failure = failNext;
            failNext = null;
            throw failure;
        }
    }
}
