package org.teamstelehealth.testing;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The invocation context a function gets; it keeps what the function logged, so tests can check it. */
public final class FakeExecutionContext implements ExecutionContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final Logger logger;
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

    private FakeExecutionContext(String functionName) {
        this.functionName = functionName;
        this.logger = Logger.getLogger("function." + functionName + "." + invocationId);
        this.logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    public static FakeExecutionContext of(String functionName) {
        return new FakeExecutionContext(functionName);
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    /** Every message logged so far, in order. */
    public List<String> logged() {
        synchronized (records) {
            return records.stream().map(LogRecord::getMessage).toList();
        }
    }
}
