package org.teamstelehealth.replies;

import java.util.Locale;
import java.util.Set;

/**
 * What a patient's SMS reply says, read conservatively: the whole message must be one of a few words (any case,
 * spaces and trailing punctuation ignored), so "yes but can we make it later" is not taken as a yes.
 * <ul>
 *   <li>confirm: Y, YES, YEP, YEAH, YUP, OK, OKAY, CONFIRM, CONFIRMED, "YES PLEASE";</li>
 *   <li>can't make it: N, NO, NOPE, NAH, "NO THANKS", "NO THANK YOU", "CAN'T MAKE IT", "CANNOT MAKE IT";</li>
 *   <li>opt out: STOP, STOPALL, "STOP ALL", UNSUBSCRIBE, END, QUIT, CANCEL, OPTOUT, "OPT OUT", REVOKE: the words US
 *       carriers and SMS providers treat as opt-out. CANCEL is among them, so it stops SMS rather than asking to
 *       cancel the appointment: a missed opt-out is worse than a missed answer, and the reply asks for N;</li>
 *   <li>opt back in: START, UNSTOP, "OPT IN". YES is not one: here it answers the appointment question;</li>
 *   <li>anything else: not understood.</li>
 * </ul>
 */
public final class ReplyWords {
    /** What one reply means. */
    public enum Meaning { CONFIRM, CANNOT_ATTEND, OPT_OUT, OPT_IN, OTHER }

    private static final Set<String> CONFIRM = Set.of("Y", "YES", "YEP", "YEAH", "YUP", "OK", "OKAY", "CONFIRM",
            "CONFIRMED", "YES PLEASE");
    private static final Set<String> CANNOT_ATTEND = Set.of("N", "NO", "NOPE", "NAH", "NO THANKS", "NO THANK YOU",
            "CANT MAKE IT", "CANNOT MAKE IT");
    private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "END", "QUIT",
            "CANCEL", "OPTOUT", "OPT OUT", "REVOKE");
    private static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "OPT IN");

    private ReplyWords() {}

    public static Meaning of(String message) {
        String words = normalized(message);
        if (CONFIRM.contains(words)) {
            return Meaning.CONFIRM;
        }
        if (CANNOT_ATTEND.contains(words)) {
            return Meaning.CANNOT_ATTEND;
        }
        if (OPT_OUT.contains(words)) {
            return Meaning.OPT_OUT;
        }
        return OPT_IN.contains(words) ? Meaning.OPT_IN : Meaning.OTHER;
    }

    /** Upper case, apostrophes dropped, runs of spaces one, trailing {@code . ! ,} and spaces gone. */
    static String normalized(String message) {
        if (message == null) {
            return "";
        }
        return message.toUpperCase(Locale.ROOT)
                .replaceAll("['\u2019]", "")
                .replaceAll("[\\s\\-]+", " ")
                .replaceAll("[\\s.!,]+$", "")
                .strip();
    }
}
