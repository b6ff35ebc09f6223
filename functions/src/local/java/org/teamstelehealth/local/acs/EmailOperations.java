package org.teamstelehealth.local.acs;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.function.Supplier;

/**
 * Answers {@code GET /emails/operations/{id}} as ACS does: {@code Succeeded} for an operation that
 * was sent, 404 for one that never reached it. The app asks this before re-sending an email after a
 * crash, so the stand-in must not claim operations it never saw.
 *
 * <p>A send ACS answered with an error (a 429 or 5xx) is taken as not sent: ACS does not document whether such
 * an operation can be looked up, and claiming it as Succeeded would let the app record an email the patient
 * never got. A send whose connection was cut before the answer (a WireMock fault) counts as sent, the worst
 * reading for duplicates.
 */
final class EmailOperations implements ResponseDefinitionTransformerV2 {
    static final String NAME = "acs-email-operations";
    private final Supplier<WireMockServer> server;

    EmailOperations(Supplier<WireMockServer> server) {
        this.server = server;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
        String id = path.substring(path.lastIndexOf('/') + 1);
        boolean sent = server.get().getAllServeEvents().stream().anyMatch(e ->
                "POST".equals(e.getRequest().getMethod().getName())
                        && e.getRequest().getUrl().startsWith("/emails:send")
                        && id.equals(e.getRequest().getHeader("Operation-Id"))
                        && (e.getResponse().getStatus() < 300 || e.getResponseDefinition().getFault() != null));
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition()
                .withHeader("Content-Type", "application/json");
        return sent
                ? response.withStatus(200).withBody("{\"id\":\"" + id + "\",\"status\":\"Succeeded\"}").build()
                : response.withStatus(404).withBody("{\"error\":{\"code\":\"NotFound\",\"message\":\"No such operation\"}}").build();
    }
}
