package org.teamstelehealth.local;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Logger;

/** What the worker hands a function: a logger named for the function and a fresh invocation id. */
final class LocalExecutionContext implements ExecutionContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();

    LocalExecutionContext(String functionName) {
        this.functionName = functionName;
    }

    @Override
    public Logger getLogger() {
        return Logger.getLogger("Function." + functionName);
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
