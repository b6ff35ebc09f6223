package org.teamstelehealth.replies;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.PatientResponse;
import org.teamstelehealth.appointments.StatusSection;
import org.teamstelehealth.notifications.SmsContacts;
import org.teamstelehealth.notifications.SmsNumbers;

/**
 * The {@code patient_replies} section of an appointment's admin status: what the patient last answered (from the
 * join page or by SMS), and whether their mobile number opted out of SMS (STOP) and when. No number is shown.
 */
public final class PatientRepliesSection implements StatusSection {
    private final SmsNumbers numbers;

    public PatientRepliesSection(SmsNumbers numbers) {
        this.numbers = numbers;
    }

    @Override
    public String name() {
        return "patient_replies";
    }

    @Override
    public Object describe(Appointment appointment) {
        Map<String, Object> section = new LinkedHashMap<>();
        PatientResponse response = appointment.patientResponse();
        section.put("response", response == null ? null : response.kind().name().toLowerCase(Locale.ROOT));
        section.put("channel", response == null ? null : response.channel());
        section.put("at", response == null || response.at() == null ? null : response.at().toString());
        String phone = appointment.snapshot() == null || appointment.snapshot().patient() == null ? null
                : appointment.snapshot().patient().mobilePhone();
        SmsContacts.OptOut optOut = numbers.key(phone).flatMap(numbers.contacts()::optOut).orElse(null);
        section.put("sms_opted_out", optOut != null && optOut.optedOut());
        section.put("sms_opt_out_changed_at", optOut == null || optOut.at() == null ? null : optOut.at().toString());
        return section;
    }
}
