package org.teamstelehealth.feed;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.teamstelehealth.platform.Headers;

/**
 * The provider's calendar subscription: {@code GET /api/feeds/{providerId}/calendar.ics?token=...}
 * (and, deprecated, the old {@code GET /api/feeds/{providerId}/{token}.ics}). Calendar apps poll it;
 * an unchanged feed answers 304 to {@code If-None-Match}.
 */
public final class FeedFunction {
    static final String NOT_FOUND_BODY = "Not found\n";

    private final FeedService service;

    public FeedFunction(FeedService service) {
        this.service = service;
    }

    @FunctionName("feed")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "feeds/{providerId}/{file}")
            HttpRequestMessage<Optional<String>> request,
            @BindingName("providerId") String providerId,
            @BindingName("file") String file,
            final ExecutionContext context) {
        Optional<FeedService.RenderedFeed> feed = service.feed(providerId, file,
                request.getQueryParameters().get("token"));
        if (feed.isEmpty()) {
            return request.createResponseBuilder(HttpStatus.NOT_FOUND)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer")
                    .body(NOT_FOUND_BODY)
                    .build();
        }
        boolean gzip = acceptsGzip(Headers.first(request.getHeaders(), "Accept-Encoding").orElse(null));
        // A strong ETag names one representation, so the gzipped body has its own.
        String etag = gzip ? feed.get().etag().replaceFirst("\"$", "-gzip\"") : feed.get().etag();
        if (matches(Headers.first(request.getHeaders(), "If-None-Match").orElse(null), etag)) {
            return common(request.createResponseBuilder(HttpStatus.NOT_MODIFIED), etag).build();
        }
        HttpResponseMessage.Builder response = common(request.createResponseBuilder(HttpStatus.OK), etag)
                .header("Content-Type", "text/calendar; charset=utf-8")
                .header("Content-Disposition", "inline; filename=\"appointments.ics\"");
        if (gzip) {
            // 2,000 appointments are ~1.6 MB of text and ~0.1 MB gzipped; the Functions host does not compress.
            return response.header("Content-Encoding", "gzip").body(gzip(feed.get().body())).build();
        }
        return response.body(feed.get().body()).build();
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        return Arrays.stream(acceptEncoding.split(","))
                .map(coding -> coding.trim().toLowerCase(java.util.Locale.ROOT))
                .anyMatch(coding -> coding.equals("gzip")
                        || (coding.startsWith("gzip;") && !coding.replace(" ", "").matches("gzip;q=0(\\.0*)?")));
    }

    private static byte[] gzip(String body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length() / 8);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static HttpResponseMessage.Builder common(HttpResponseMessage.Builder builder, String etag) {
        // The feed lists patients and the URL is a secret: no cache, shared or the device's own, may keep
        // it (no-store). Calendar apps still revalidate with the ETag they keep themselves, so 304 works.
        return builder.header("ETag", etag)
                .header("Vary", "Accept-Encoding")
                .header("Cache-Control", "private, no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
