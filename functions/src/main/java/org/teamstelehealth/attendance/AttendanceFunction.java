package org.teamstelehealth.attendance;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.time.Clock;

/** Every five minutes ({@value #SCHEDULE}): reads the attendance reports that are due. */
public final class AttendanceFunction {
    /** NCRONTAB with seconds. Fixed: the settle and retry settings say when a report is read, this how finely. */
    static final String SCHEDULE = "0 */5 * * * *";

    private final AttendanceService service;
    private final Clock clock;

    public AttendanceFunction(AttendanceService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @FunctionName("attendance")
    public void run(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timerInfo, final ExecutionContext context) {
        AttendanceService.Run run = service.run(clock.instant());
        context.getLogger().info("Attendance: recorded " + run.recorded() + ", waiting for a report " + run.waiting()
                + ", skipped " + run.skipped());
    }
}
