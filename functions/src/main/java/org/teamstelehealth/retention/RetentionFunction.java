package org.teamstelehealth.retention;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.time.Clock;
import org.teamstelehealth.intake.StorageUnavailableException;

/** Daily at 03:15 UTC ({@value #SCHEDULE}): purges what {@link RetentionService} says is due, and logs the counts. */
public final class RetentionFunction {
    /** NCRONTAB with seconds. Fixed: purging a day early or late changes nothing an admin would tune. */
    static final String SCHEDULE = "0 15 3 * * *";

    private final RetentionService service;
    private final Clock clock;

    public RetentionFunction(RetentionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @FunctionName("retention")
    public void run(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timerInfo, final ExecutionContext context)
            throws StorageUnavailableException {
        RetentionService.Purged purged = service.run(clock.instant());
        context.getLogger().info("Retention: purged " + purged.appointments() + " appointments, "
                + purged.deliveries() + " deliveries, " + purged.receipts() + " receipts");
    }
}
