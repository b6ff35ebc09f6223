package org.teamstelehealth.bootstrap;

import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;

/**
 * The Java worker makes a new function object for every invocation; it asks this injector (found
 * through {@code META-INF/services}) so those objects share the clients of one {@link Application}.
 */
public final class FunctionInjector implements FunctionInstanceInjector {
    @Override
    public <T> T getInstance(Class<T> functionClass) {
        return Application.shared().function(functionClass);
    }
}
