package org.teamstelehealth.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.intake.ReceiptStore;
import org.teamstelehealth.intake.StorageUnavailableException;
import org.teamstelehealth.notifications.DeliveryLog;

/**
 * Forgets patients once the clinic no longer needs the app to remember them: every row of an appointment
 * (the appointment, its schedule entry, its deliveries, and those of other features: {@link AppointmentRows}) from the UTC day after it is {@code RETENTION_DAYS}
 * past its end, and webhook receipts {@code RECEIPT_RETENTION_DAYS} after they arrived. Finding what is due
 * is one range read of the appointments' end-day index, never a scan of the appointments.
 *
 * <p>Running it again changes nothing: what is gone is not listed any more, and a purge interrupted half-way
 * leaves the index entry that brings the next run back to finish it.
 */
public final class RetentionService {
    private final AppointmentStore appointments;
    private final DeliveryLog deliveries;
    private final ReceiptStore receipts;
    private final RetentionSettings settings;
    private final List<AppointmentRows> otherRows;

    /**
     * Port: more of an appointment's rows, kept by another feature: by its id (its events' delivery log), or by what
     * its row says (the attendance index by start day, the SMS contacts by the patient's number).
     */
    @FunctionalInterface
    public interface AppointmentRows {
        /**
         * @param row the appointment as stored before its purge; empty when only its index entry was left
         * @return how many rows of the appointment were removed
         */
        int purge(String appointmentId, Optional<Appointment> row);
    }

    /** What one run removed; counts only, so it can be logged. */
    public record Purged(int appointments, int deliveries, int receipts) {}

    public RetentionService(AppointmentStore appointments, DeliveryLog deliveries, ReceiptStore receipts,
            RetentionSettings settings) {
        this(appointments, deliveries, receipts, settings, List.of());
    }

    /** @param otherRows purged with each appointment, before its row (so an interrupted purge comes back to them) */
    public RetentionService(AppointmentStore appointments, DeliveryLog deliveries, ReceiptStore receipts,
            RetentionSettings settings, List<AppointmentRows> otherRows) {
        this.otherRows = List.copyOf(otherRows);
        this.appointments = appointments;
        this.deliveries = deliveries;
        this.receipts = receipts;
        this.settings = settings;
    }

    /** @throws StorageUnavailableException when the receipts could not be purged (the timer's next run retries) */
    public Purged run(Instant now) throws StorageUnavailableException {
        LocalDate firstKeptDay = LocalDate.ofInstant(now.minus(settings.appointments()), ZoneOffset.UTC);
        Instant cutoff = firstKeptDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        int purgedAppointments = 0;
        int purgedDeliveries = 0;
        for (AppointmentStore.Retained entry : appointments.retainedBefore(firstKeptDay)) {
            Optional<Appointment> row = appointments.find(entry.appointmentId());
            if (stillKept(row, cutoff)) {
                continue;
            }
            purgedDeliveries += deliveries.purge(entry.appointmentId());
            otherRows.forEach(rows -> rows.purge(entry.appointmentId(), row));
            appointments.purge(entry);
            purgedAppointments++;
        }
        int purgedReceipts = receipts.purgeReceivedBefore(now.minus(settings.receipts()));
        return new Purged(purgedAppointments, purgedDeliveries, purgedReceipts);
    }

    /** An index entry left behind by a save that crashed half-way must not purge a row that moved later. */
    private static boolean stillKept(Optional<Appointment> row, Instant cutoff) {
        return row.isPresent() && !row.get().retainedFrom().isBefore(cutoff);
    }
}
