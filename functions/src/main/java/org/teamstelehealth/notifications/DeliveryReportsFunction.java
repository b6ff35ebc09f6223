package org.teamstelehealth.notifications;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;

/**
 * Event Grid trigger: ACS's SMS and email delivery reports (the ACS resource's system topic is
 * subscribed to this function, see infra/). The Functions host answers Event Grid's subscription
 * validation itself and hands over one event at a time.
 */
public final class DeliveryReportsFunction {
    private final DeliveryReports reports;

    public DeliveryReportsFunction(DeliveryReports reports) {
        this.reports = reports;
    }

    @FunctionName("deliveryReports")
    public void run(@EventGridTrigger(name = "event") String event, final ExecutionContext context) {
        reports.handle(event);
    }
}
