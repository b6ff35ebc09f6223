package org.teamstelehealth.replies;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.teamstelehealth.messages.Snapshot;

/**
 * The short SMS the service answers a reply with. They name the appointment's time and the clinic, never the
 * patient: whoever reads the phone reads them.
 */
final class ReplyTexts {
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;

    ReplyTexts(Locale locale) {
        this.date = DateTimeFormatter.ofPattern("EEE d MMM", locale);
        this.time = DateTimeFormatter.ofPattern("h:mm a", locale);
    }

    String confirmed(Snapshot appointment) {
        return "Thank you, your telehealth appointment at " + when(appointment) + " is confirmed.";
    }

    String cannotAttend(Snapshot appointment) {
        return "Thank you, we have told " + clinic(appointment) + " you cannot make it at " + when(appointment) + ". "
                + call(appointment) + " to arrange another time.";
    }

    String notUnderstood(Snapshot appointment) {
        return "Sorry, we could not read that. Reply Y to confirm your telehealth appointment at " + when(appointment)
                + ", or N if you cannot make it. " + call(appointment) + " for anything else.";
    }

    private String when(Snapshot s) {
        ZonedDateTime start = s.start().atZoneSameInstant(s.zone());
        return start.format(time) + " on " + start.format(date);
    }

    private static String clinic(Snapshot s) {
        return s.locationIfAny().map(Snapshot.Location::displayNameOrDescription).filter(name -> !name.isBlank())
                .orElse("the clinic");
    }

    private static String call(Snapshot s) {
        return s.locationIfAny().map(Snapshot.Location::phone).filter(phone -> phone != null && !phone.isBlank())
                .map(phone -> "Call " + phone).orElse("Call the clinic");
    }
}
