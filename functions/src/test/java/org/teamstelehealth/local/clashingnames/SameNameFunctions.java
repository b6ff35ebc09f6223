package org.teamstelehealth.local.clashingnames;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;

/** Two fake functions with one name, in two classes: the host must refuse to start. */
public class SameNameFunctions {
    @FunctionName("sendReminder")
    public void first(@QueueTrigger(name = "message", queueName = "a", connection = "AzureWebJobsStorage") String message) {}

    /** The second class holding a function of the same name. */
    public static class Other {
        @FunctionName("sendReminder")
        public void second(@QueueTrigger(name = "message", queueName = "b", connection = "AzureWebJobsStorage") String message) {}
    }
}
