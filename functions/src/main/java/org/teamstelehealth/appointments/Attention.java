package org.teamstelehealth.appointments;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Why an appointment is on the admin's attention list ({@code GET manage/appointments}). An appointment may be in
 * several categories at once and is listed once per category.
 */
public enum Attention {
    /** Telehealth status FAILED: making, moving or removing the meeting failed. */
    FAILED,
    /** Telehealth status PENDING: the meeting is still being made or moved (Graph busy, retrying). */
    PENDING,
    /** The newest SMS or email to the patient could not be delivered. */
    UNDELIVERED,
    /** An active telehealth appointment the patient was told of and has not answered. */
    UNCONFIRMED,
    /** The patient asked to cancel and the PMS has not cancelled it yet. */
    CANCELLATION_REQUESTED;

    /** As in the route's {@code status} parameter and the list: {@code cancellation_requested}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Attention> fromWire(String name) {
        for (Attention category : values()) {
            if (category.wireName().equals(name)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }

    /** The categories {@code a} is in now; empty for one without a start (a bare deletion). */
    public static Set<Attention> of(Appointment a) {
        Set<Attention> categories = EnumSet.noneOf(Attention.class);
        if (a.snapshot() == null || a.snapshot().start() == null) {
            return categories;
        }
        if (a.status() == TelehealthStatus.FAILED) {
            categories.add(FAILED);
        }
        if (a.status() == TelehealthStatus.PENDING) {
            categories.add(PENDING);
        }
        if (a.deliveryFailure() != null) {
            categories.add(UNDELIVERED);
        }
        boolean active = !a.cancelled() && a.snapshot().wantsMeeting();
        if (active && a.patientNotified() && a.patientResponse() == null) {
            categories.add(UNCONFIRMED);
        }
        if (!a.cancelled() && a.patientResponse() != null
                && a.patientResponse().kind() == PatientResponse.Kind.CANCELLATION_REQUESTED) {
            categories.add(CANCELLATION_REQUESTED);
        }
        return categories;
    }

    /** The entries {@code a} has on the list now, one per category. */
    public static List<Item> itemsOf(Appointment a) {
        return of(a).stream().map(category -> new Item(a.id(), a.snapshot().startInstant(),
                a.snapshot().provider() == null ? null : a.snapshot().provider().id(), a.status(), category,
                category.reason(a))).toList();
    }

    /** What an admin reads about this category of {@code a}: never the patient's name or contact details. */
    private String reason(Appointment a) {
        return switch (this) {
            case FAILED, PENDING -> a.failureReason();
            case UNDELIVERED -> a.deliveryFailure();
            case UNCONFIRMED -> "no answer from the patient yet";
            case CANCELLATION_REQUESTED -> "the patient asked to cancel (" + a.patientResponse().channel() + ", "
                    + a.patientResponse().at() + "); cancel or keep it in the PMS";
        };
    }

    /**
     * One line of the attention list.
     *
     * @param start the appointment's start (the list is newest start first)
     * @param providerId the PMS's provider id, or {@code null}
     * @param reason what needs doing, in words an admin can act on, or {@code null}
     */
    public record Item(String appointmentId, Instant start, String providerId, TelehealthStatus status,
            Attention category, String reason) {}

    /**
     * One page of the list.
     *
     * @param next the opaque token that continues after this page, or {@code null} when there is no more; a page
     *     may hold fewer items than asked for and still have one
     */
    public record Page(List<Item> items, String next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
