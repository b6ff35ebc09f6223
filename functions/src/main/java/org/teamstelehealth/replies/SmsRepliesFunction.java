package org.teamstelehealth.replies;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;

/**
 * Event Grid trigger: SMS patients send to the clinic's ACS number ({@code Microsoft.Communication.SMSReceived}; the
 * ACS resource's system topic is subscribed to this function, see infra/). The Functions host answers Event Grid's
 * subscription validation itself and hands over one event at a time.
 */
public final class SmsRepliesFunction {
    private final SmsReplies replies;

    public SmsRepliesFunction(SmsReplies replies) {
        this.replies = replies;
    }

    @FunctionName("smsReplies")
    public void run(@EventGridTrigger(name = "event") String event, final ExecutionContext context) {
        replies.handle(event);
    }
}
