package org.teamstelehealth.notifications;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.validate.ValidationException;
import org.teamstelehealth.calendar.CalendarAddress;
import org.teamstelehealth.calendar.IcsFolding;

/**
 * Builds the {@code invite.ics} attached to patients' emails: METHOD:REQUEST for an invitation or a
 * change (same UID, higher SEQUENCE, so the calendar moves the event), METHOD:CANCEL with
 * STATUS:CANCELLED for a cancellation. Times are UTC, so no VTIMEZONE is needed. The patient is an
 * attendee with RSVP=FALSE (no reply expected); the ORGANIZER is where a reply would go anyway.
 */
public final class InviteBuilder {
    public static final String PRODUCT_ID = "-//Teams Telehealth//Patient invite//EN";

    /** @throws InviteAddressException when the organiser's or the attendee's address is not usable */
    public Calendar calendar(Invite invite) throws InviteAddressException {
        URI organizerAddress = CalendarAddress.mailto(invite.organizerEmail())
                .orElseThrow(() -> new InviteAddressException("The organiser's (ACS_EMAIL_SENDER)"));
        URI attendeeAddress = CalendarAddress.mailto(invite.attendeeEmail())
                .orElseThrow(() -> new InviteAddressException("The patient's"));
        VEvent event = new VEvent(invite.start(), invite.end(), invite.summary());
        event.replace(new DtStamp(invite.stamp()));
        event.add(new Uid(invite.uid()));
        event.add(new Sequence(invite.sequence()));
        if (invite.description() != null && !invite.description().isBlank()) {
            event.add(new Description(invite.description()));
        }
        if (invite.location() != null && !invite.location().isBlank()) {
            event.add(new Location(invite.location()));
        }
        if (invite.joinUrl() != null && !invite.cancellation()) {
            event.add(new Url(invite.joinUrl()));
        }
        Organizer organizer = new Organizer(organizerAddress);
        if (invite.organizerName() != null && !invite.organizerName().isBlank()) {
            organizer.add(new Cn(invite.organizerName()));
        }
        event.add(organizer);
        Attendee attendee = new Attendee(attendeeAddress);
        attendee.add(CuType.INDIVIDUAL);
        attendee.add(Role.REQ_PARTICIPANT);
        attendee.add(PartStat.NEEDS_ACTION);
        // No reply is asked for: the patient's calendar would send it to the ORGANIZER (see docs/notifications.md).
        attendee.add(Rsvp.FALSE);
        if (invite.attendeeName() != null && !invite.attendeeName().isBlank()) {
            attendee.add(new Cn(invite.attendeeName()));
        }
        event.add(attendee);
        event.add(new Status(invite.cancellation() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        event.add(new Transp(Transp.VALUE_OPAQUE));

        Calendar calendar = new Calendar();
        calendar.withProdId(PRODUCT_ID).withDefaults()
                .withProperty(new Method(invite.cancellation() ? Method.VALUE_CANCEL : Method.VALUE_REQUEST))
                .withComponent(event);
        return calendar;
    }

    /** The invite as iCalendar text, CRLF line ends, folded at 75 octets. */
    public String ics(Invite invite) throws InviteAddressException {
        return write(calendar(invite));
    }

    static String write(Calendar calendar) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("Unvalidated output cannot fail validation", e);
        }
        // ical4j folds by UTF-16 characters, which can exceed 75 octets: undo that and fold by octets.
        return IcsFolding.fold(IcsFolding.unfold(out.toString()));
    }
}
