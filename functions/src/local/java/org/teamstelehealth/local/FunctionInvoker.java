package org.teamstelehealth.local;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * Calls a function method as the Java worker does: a new function object per invocation from the
 * {@link FunctionInstanceInjector} found through {@link ServiceLoader} (the no-argument constructor
 * when there is none), the trigger value, {@code @BindingName} values and an {@link ExecutionContext}.
 */
public final class FunctionInvoker {
    private final FunctionInstanceInjector injector;

    public FunctionInvoker(FunctionInstanceInjector injector) {
        this.injector = injector;
    }

    /** The injector the worker would use: the first one registered, or the no-argument constructor. */
    public static FunctionInstanceInjector workerInjector(ClassLoader loader) {
        Iterator<FunctionInstanceInjector> found = ServiceLoader.load(FunctionInstanceInjector.class, loader).iterator();
        return found.hasNext() ? found.next() : FunctionInvoker::construct;
    }

    /** The worker's fallback: the function class's public no-argument constructor. */
    public static <T> T construct(Class<T> type) throws Exception {
        return type.getDeclaredConstructor().newInstance();
    }

    /**
     * @param bindings binding data by name ({@code @BindingName} values: route parameters, queue metadata)
     * @return what the method returned
     * @throws FunctionFailedException wrapping whatever the function (or making its object) threw
     */
    public Object invoke(FunctionDefinition function, Object triggerValue, Map<String, ?> bindings, ExecutionContext context) {
        Object target;
        try {
            target = injector.getInstance(function.type());
        } catch (Exception | LinkageError e) {
            throw new FunctionFailedException(function.name(), context.getInvocationId(), e);
        }
        Parameter[] parameters = function.method().getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            if (i == function.triggerParameter()) {
                args[i] = triggerValue;
            } else if (ExecutionContext.class.equals(p.getType())) {
                args[i] = context;
            } else {
                String name = p.getAnnotation(BindingName.class).value();
                args[i] = convert(function.name(), name, bindings.get(name), p.getType());
            }
        }
        try {
            return function.method().invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new FunctionFailedException(function.name(), context.getInvocationId(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new FunctionFailedException(function.name(), context.getInvocationId(), e);
        }
    }

    static Object convert(String function, String name, Object value, Class<?> type) {
        if (value == null) {
            return defaultValue(type);
        }
        if (type.isInstance(value)) {
            return value;
        }
        String text = value.toString();
        try {
            if (type == String.class) {
                return text;
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(text);
            } else if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text);
            } else if (type == boolean.class || type == Boolean.class) {
                return Boolean.parseBoolean(text);
            } else if (type == double.class || type == Double.class) {
                return Double.parseDouble(text);
            } else if (type == UUID.class) {
                return UUID.fromString(text);
            } else if (type == OffsetDateTime.class) {
                return value instanceof Instant i ? i.atOffset(java.time.ZoneOffset.UTC) : OffsetDateTime.parse(text);
            } else if (type == Instant.class) {
                return value instanceof OffsetDateTime o ? o.toInstant() : Instant.parse(text);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Function '" + function + "': binding '" + name
                    + "' cannot be read as " + type.getSimpleName(), e);
        }
        throw new IllegalArgumentException("Function '" + function + "': binding '" + name
                + "' has a type the local host does not convert to: " + type.getName());
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0d;
        }
        return 0;
    }

    /** A function threw (or its object could not be made); the cause is what it threw. */
    public static final class FunctionFailedException extends RuntimeException {
        public FunctionFailedException(String function, String invocationId, Throwable cause) {
            super("Function '" + function + "' (invocation " + invocationId + ") failed: " + cause.getClass().getName(), cause);
        }
    }
}
