package org.teamstelehealth.local;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * One {@code @FunctionName} method found on the classpath, with its trigger.
 *
 * @param triggerParameter index of the parameter carrying the trigger annotation
 */
public record FunctionDefinition(String name, Class<?> type, Method method, int triggerParameter, Trigger trigger) {

    /** What starts a function. */
    public sealed interface Trigger permits Http, Queue, Timer, EventGrid, Warmup {
        /** A short word for listings: http, queue, timer, eventGrid, warmup. */
        String kind();

        /** Where it listens, for listings: the route, queue name or schedule as written. */
        String source();
    }

    /**
     * {@code route} is the annotation's route, or the function name when the annotation has none;
     * {@code binary} when it says {@code dataType = "binary"}: the body is handed over as bytes.
     */
    public record Http(String route, Set<HttpMethod> methods, AuthorizationLevel authLevel, boolean binary)
            implements Trigger {
        @Override
        public String kind() {
            return "http";
        }

        @Override
        public String source() {
            return route;
        }

        /** No methods listed means every method, as in Azure. */
        public boolean allows(HttpMethod method) {
            return methods.isEmpty() || methods.contains(method);
        }
    }

    public record Queue(String queueName, String connection) implements Trigger {
        @Override
        public String kind() {
            return "queue";
        }

        @Override
        public String source() {
            return queueName;
        }
    }

    /** Served at {@code POST /runtime/webhooks/eventgrid?functionName=<name>}, as the Functions host does. */
    public record EventGrid() implements Trigger {
        @Override
        public String kind() {
            return "eventGrid";
        }

        @Override
        public String source() {
            return "/runtime/webhooks/eventgrid";
        }
    }

    /**
     * Azure's warmup trigger: Azure runs it once on each instance it adds to scale out; the local host once it is
     * listening and idle, with {@link LocalHostOptions#warmUp}.
     */
    public record Warmup() implements Trigger {
        @Override
        public String kind() {
            return "warmup";
        }

        @Override
        public String source() {
            return "instance start";
        }
    }

    public record Timer(String schedule) implements Trigger {
        @Override
        public String kind() {
            return "timer";
        }

        @Override
        public String source() {
            return schedule;
        }
    }
}
