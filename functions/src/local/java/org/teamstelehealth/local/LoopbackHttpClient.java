package org.teamstelehealth.local;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.net.MalformedURLException;
import java.net.URL;
import reactor.core.publisher.Mono;

/**
 * Lets the real Azure SDK clients (identity, ACS, Key Vault) talk to plain-http stand-ins on
 * loopback: they insist on https URLs, so this rewrites {@code https://localhost} and
 * {@code https://127.0.0.1} to http just before sending. Used only by tests and the local host.
 */
public final class LoopbackHttpClient implements HttpClient {
    private final HttpClient delegate;

    public LoopbackHttpClient() {
        this(HttpClient.createDefault());
    }

    public LoopbackHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return delegate.send(rewrite(request));
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return delegate.send(rewrite(request), context);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        return delegate.sendSync(rewrite(request), context);
    }

    private static HttpRequest rewrite(HttpRequest request) {
        URL url = request.getUrl();
        if ("https".equals(url.getProtocol()) && isLoopback(url.getHost())) {
            try {
                request.setUrl(new URL("http", url.getHost(), url.getPort(), url.getFile()));
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return request;
    }

    private static boolean isLoopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host);
    }
}
