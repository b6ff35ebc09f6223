package org.teamstelehealth.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.testing.FakeExecutionContext;

class WarmupFunctionTest {
    @Test
    void aWarmUpPreparesTheInstanceOnceAndSaysHowLongItTook() {
        AtomicInteger prepared = new AtomicInteger();
        FakeExecutionContext context = FakeExecutionContext.of("warmup");

        new WarmupFunction(prepared::incrementAndGet).run(null, context);

        assertEquals(1, prepared.get());
        assertEquals(1, context.logged().size());
        assertTrue(context.logged().get(0).matches("Warmed up for the first webhook and meeting .* in \\d+ ms"),
                context.logged().toString());
    }

    @Test
    void aWarmUpThatFailsIsLoggedByItsClassAloneAndLeavesTheInvocationSucceeded() {
        FakeExecutionContext context = FakeExecutionContext.of("warmup");

        new WarmupFunction(() -> {
            throw new IllegalStateException("Graph refused provider@example.org");
        }).run("{}", context);

        assertEquals(java.util.List.of("Warm-up stopped (IllegalStateException); the first request that needs it does it"
                + " instead"), context.logged());
    }
}
