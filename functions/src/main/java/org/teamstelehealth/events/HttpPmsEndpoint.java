package org.teamstelehealth.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.RetryAfter;

/**
 * {@link PmsEndpoint} over {@link HttpClient}: one POST with the request timeout of the settings; the PMS's body is
 * read and dropped (never logged: it may echo anything).
 */
@Adapter
public final class HttpPmsEndpoint implements PmsEndpoint {
    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    private final Clock clock;

    /** @param http built by bootstrap, with a connect timeout */
    public HttpPmsEndpoint(HttpClient http, URI url, Duration timeout, Clock clock) {
        this.http = http;
        this.url = url;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Answer post(Map<String, String> headers, byte[] body) throws PmsUnreachableException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Answer(response.statusCode(),
                    RetryAfter.parse(response.headers().allValues("Retry-After"), clock));
        } catch (HttpTimeoutException e) {
            throw new PmsUnreachableException("timed out after " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new PmsUnreachableException("no answer (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PmsUnreachableException("interrupted", e);
        }
    }
}
