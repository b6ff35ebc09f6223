package org.teamstelehealth.bootstrap;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.WarmupTrigger;

/**
 * Azure's warmup trigger: runs once on each instance Azure adds to scale the app out, before that instance takes
 * traffic (Premium and Flex Consumption; the Consumption plan has no warmup trigger, and restarts do not run it). It
 * readies what the first webhook and the first meeting on the instance need ({@link Application#prepareInstance}:
 * tables and queues, the Graph client and its token, a rehearsed booking with nothing made, written or sent), so
 * those are as quick as later ones. The local host runs it once it is listening and idle.
 *
 * <p>A failure only loses the head start: it is logged by its class and the function returns normally, so the first
 * request that needs the piece builds it as before.
 */
public final class WarmupFunction {
    private final Runnable prepare;

    public WarmupFunction(Runnable prepare) {
        this.prepare = prepare;
    }

    /**
     * @param warmupContext what the host hands over, unused: the documented Java example types it {@code Object}, and
     *     what it holds is not documented
     */
    @FunctionName("warmup")
    public void run(@WarmupTrigger(name = "warmupContext") Object warmupContext, final ExecutionContext context) {
        long started = System.nanoTime();
        try {
            prepare.run();
            context.getLogger().info("Warmed up for the first webhook and meeting (storage; Graph client, token and"
                    + " connection; a booking rehearsed) in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (RuntimeException | LinkageError e) {
            context.getLogger().warning("Warm-up stopped (" + e.getClass().getSimpleName()
                    + "); the first request that needs it does it instead");
        }
    }
}
