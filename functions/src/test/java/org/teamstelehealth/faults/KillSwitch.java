package org.teamstelehealth.faults;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A WireMock listener in a stand-in that, once armed, runs its action (kill the host) on the first request
 * matching, after the stand-in has done what was asked (made the meeting, taken the SMS) and before its answer
 * leaves: the host's call is still waiting when it dies. Fires once.
 */
final class KillSwitch implements ServeEventListener {
    private final String name;
    private volatile Predicate<ServeEvent> when = event -> false;
    private volatile Runnable action = () -> {};
    private final AtomicBoolean fired = new AtomicBoolean();

    KillSwitch(String name) {
        this.name = name;
    }

    void arm(Predicate<ServeEvent> when, Runnable action) {
        this.action = action;
        this.when = when;
    }

    boolean fired() {
        return fired.get();
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        if (when.test(event) && fired.compareAndSet(false, true)) {
            action.run();
        }
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public String getName() {
        return name;
    }

    static boolean post(ServeEvent event, String pathPattern, int status) {
        return "POST".equals(event.getRequest().getMethod().getName())
                && event.getRequest().getUrl().replaceAll("\\?.*", "").matches(pathPattern)
                && event.getResponse().getStatus() == status;
    }
}
