package org.teamstelehealth.meetings;

import com.microsoft.graph.models.AttendanceInterval;
import com.microsoft.graph.models.AttendanceRecord;
import com.microsoft.graph.models.AttendanceRecordCollectionResponse;
import com.microsoft.graph.models.MeetingAttendanceReport;
import com.microsoft.graph.models.MeetingAttendanceReportCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.onlinemeetings.item.OnlineMeetingItemRequestBuilder;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.teamstelehealth.attendance.AttendanceReports;
import org.teamstelehealth.attendance.Attendee;
import org.teamstelehealth.attendance.ReportsException;
import org.teamstelehealth.attendance.ReportsException.Kind;
import org.teamstelehealth.platform.Adapter;

/**
 * {@link AttendanceReports} on Graph v1.0 with application permission {@code OnlineMeetingArtifact.Read.All} (and the
 * Teams application access policy granted to the organiser, as for the meetings themselves):
 * {@code GET /users/{organizer}/onlineMeetings/{id}/attendanceReports}, then for each report
 * {@code GET .../attendanceReports/{reportId}/attendanceRecords}, following {@code @odata.nextLink} on both (both are
 * paged collections in the v1.0 metadata; how many records a page holds is undocumented).
 *
 * <p>Email addresses and display names are dropped here: matching uses object ids and tenant ids only. The SDK's own
 * retry is off, as for meetings: a throttled read waits for the next run.
 */
@Adapter
public final class GraphAttendanceReports implements AttendanceReports {
    private static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);
    /** Pages read per collection before giving up on a runaway nextLink chain. */
    private static final int MAX_PAGES = 50;

    private final GraphServiceClient graph;
    private final Clock clock;

    public GraphAttendanceReports(GraphServiceClient graph, Clock clock) {
        this.graph = graph;
        this.clock = clock;
    }

    @Override
    public List<Attendee> attendees(String organizerId, String meetingId) throws ReportsException {
        try {
            OnlineMeetingItemRequestBuilder meeting = graph.users().byUserId(organizerId).onlineMeetings()
                    .byOnlineMeetingId(meetingId);
            List<Attendee> attendees = new ArrayList<>();
            for (MeetingAttendanceReport report : reports(meeting)) {
                for (AttendanceRecord record : records(meeting, report.getId())) {
                    attendees.add(attendee(record));
                }
            }
            return attendees;
        } catch (ApiException e) {
            throw classify(organizerId, e);
        } catch (RuntimeException e) {
            if (GraphMeetingGateway.cause(e, IOException.class) != null
                    || GraphMeetingGateway.cause(e, UncheckedIOException.class) != null) {
                throw new ReportsException(Kind.TRANSIENT, "Graph or Entra ID could not be reached", null, e);
            }
            throw e;
        }
    }

    private List<MeetingAttendanceReport> reports(OnlineMeetingItemRequestBuilder meeting) {
        List<MeetingAttendanceReport> reports = new ArrayList<>();
        MeetingAttendanceReportCollectionResponse page = meeting.attendanceReports()
                .get(rc -> rc.options.add(new RetryHandlerOption(null, 0, 0)));
        for (int pages = 1; page != null; pages++) {
            if (page.getValue() != null) {
                reports.addAll(page.getValue());
            }
            String next = page.getOdataNextLink();
            page = next == null || pages >= MAX_PAGES ? null : meeting.attendanceReports().withUrl(next)
                    .get(rc -> rc.options.add(new RetryHandlerOption(null, 0, 0)));
        }
        return reports;
    }

    private List<AttendanceRecord> records(OnlineMeetingItemRequestBuilder meeting, String reportId) {
        var builder = meeting.attendanceReports().byMeetingAttendanceReportId(reportId).attendanceRecords();
        List<AttendanceRecord> records = new ArrayList<>();
        AttendanceRecordCollectionResponse page = builder.get(rc -> rc.options.add(new RetryHandlerOption(null, 0, 0)));
        for (int pages = 1; page != null; pages++) {
            if (page.getValue() != null) {
                records.addAll(page.getValue());
            }
            String next = page.getOdataNextLink();
            page = next == null || pages >= MAX_PAGES ? null
                    : builder.withUrl(next).get(rc -> rc.options.add(new RetryHandlerOption(null, 0, 0)));
        }
        return records;
    }

    private static Attendee attendee(AttendanceRecord record) {
        var identity = record.getIdentity();
        String id = identity == null ? null : identity.getId();
        Object tenant = identity == null || identity.getAdditionalData() == null ? null
                : identity.getAdditionalData().get("tenantId");
        List<Attendee.Interval> intervals = new ArrayList<>();
        if (record.getAttendanceIntervals() != null) {
            for (AttendanceInterval interval : record.getAttendanceIntervals()) {
                intervals.add(new Attendee.Interval(instant(interval.getJoinDateTime()),
                        instant(interval.getLeaveDateTime()), interval.getDurationInSeconds()));
            }
        }
        return new Attendee(id == null || id.isBlank() ? null : id, tenant instanceof String t ? t : null,
                record.getRole(), intervals, record.getTotalAttendanceInSeconds());
    }

    private ReportsException classify(String organizerId, ApiException e) {
        int status = e.getResponseStatusCode();
        String code = e instanceof ODataError odata && odata.getError() != null ? odata.getError().getCode() : null;
        String message = e instanceof ODataError odata && odata.getError() != null ? odata.getError().getMessage() : null;
        if (TRANSIENT.contains(status)) {
            return new ReportsException(Kind.TRANSIENT, "Graph answered " + status + " when asked for the attendance"
                    + " reports", GraphMeetingGateway.retryAfter(e.getResponseHeaders(), clock).orElse(null), e);
        }
        if (status == 404) {
            return new ReportsException(Kind.GONE, "Graph answered 404 for the meeting's attendance reports", null, e);
        }
        if (status == 403 && message != null && message.toLowerCase().contains("application access policy")) {
            return new ReportsException(Kind.REFUSED, "Graph refused the attendance reports (403): no Teams"
                    + " application access policy is granted to organiser " + organizerId + ". Run"
                    + " infra/teams/Grant-TelehealthAccessPolicy.ps1 -User \"" + organizerId + "\"", null, e);
        }
        if (status == 403) {
            return new ReportsException(Kind.REFUSED, "Graph refused the attendance reports (403"
                    + (code == null ? "" : " " + code) + "): grant the app the application permission"
                    + " OnlineMeetingArtifact.Read.All with admin consent (infra/teams/New-TelehealthAppRegistration.ps1),"
                    + " and the Teams application access policy to organiser " + organizerId, null, e);
        }
        return new ReportsException(Kind.PERMANENT, "Graph answered " + status + (code == null ? "" : " " + code)
                + " when asked for the attendance reports of organiser " + organizerId + "'s meeting", null, e);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
