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
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.access.AdminAccess;
import org.teamstelehealth.access.AdminRoute;
import org.teamstelehealth.access.Role;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.JsonResponses;
import org.teamstelehealth.platform.Problem;

/**
 * Admin routes for providers' feed links: issue (the only time the URL is shown), list (never the
 * token) and revoke. Behind a function key and {@link AdminAccess}.
 */
public final class FeedLinksFunction {
    static final String ROUTE = "manage/providers/{providerId}/feed-links";

    private final FeedLinks links;
    private final AdminAccess access;

    public FeedLinksFunction(FeedLinks links, AdminAccess access) {
        this.links = links;
        this.access = access;
    }

    /** Body of an issue request; both fields optional. */
    record IssueRequest(Integer expiresInDays, String calendarName) {}

    /** What the admin sees once, right after issuing. */
    record Issued(String id, String providerId, Instant created, Instant expires, URI feedUrl, URI webcalUrl,
            URI googleCalendarUrl, URI outlookUrl, String notice) {}

    /** A link as listed: no token, no URL. */
    record Listed(String id, Instant created, Instant expires, boolean revoked, Instant revokedAt) {
        static Listed of(FeedLink link) {
            return new Listed(link.id(), link.createdAt(), link.expiresAt(), link.revokedAt() != null, link.revokedAt());
        }
    }

    @FunctionName("issueFeedLink")
    public HttpResponseMessage issue(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = ROUTE)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("providerId") String providerId,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.ADMIN, "feed-link.issue", "provider/" + providerId,
                () -> issue(request, providerId));
    }

    private HttpResponseMessage issue(HttpRequestMessage<Optional<String>> request, String providerId) {
        IssueRequest body;
        try {
            body = request.getBody().filter(b -> !b.isBlank())
                    .map(b -> Json.read(b, IssueRequest.class))
                    .orElse(new IssueRequest(null, null));
        } catch (IllegalArgumentException e) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Malformed request", "The body must be JSON like {\"expires_in_days\": 365}")
                    .toResponse(request);
        }
        IssuedFeedLink issued;
        try {
            issued = links.issue(providerId,
                    body.expiresInDays() == null ? null : Duration.ofDays(body.expiresInDays()), body.calendarName());
        } catch (FeedLinkException e) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Cannot issue a feed link", e.getMessage()).toResponse(request);
        }
        FeedLink link = issued.link();
        Issued answer = new Issued(link.id(), link.providerId(), link.createdAt(), link.expiresAt(), issued.feedUrl(),
                issued.webcalUrl(), issued.googleCalendarUrl(), issued.outlookUrl(),
                "The link includes a secret token: do not share it with anyone. It is shown only now; "
                        + "revoke it and issue a new one if it is lost or leaked.");
        return JsonResponses.json(request, HttpStatus.CREATED, answer)
                .header("Cache-Control", "no-store")
                .header("Location", "feed-links/" + link.id())
                .build();
    }

    @FunctionName("listFeedLinks")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = ROUTE)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("providerId") String providerId,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.READER, "feed-link.list", "provider/" + providerId,
                () -> list(request, providerId));
    }

    private HttpResponseMessage list(HttpRequestMessage<Optional<String>> request, String providerId) {
        List<Listed> listed = links.list(providerId).stream().map(Listed::of).toList();
        return JsonResponses.json(request, HttpStatus.OK, Map.of("links", listed))
                .header("Cache-Control", "no-store")
                .build();
    }

    @FunctionName("revokeFeedLink")
    public HttpResponseMessage revoke(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, authLevel = AuthorizationLevel.FUNCTION,
                    route = ROUTE + "/{linkId}")
            HttpRequestMessage<Optional<String>> request,
            @BindingName("providerId") String providerId,
            @BindingName("linkId") String linkId,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.ADMIN, "feed-link.revoke",
                "provider/" + providerId + "/feed-link/" + linkId, () -> revoke(request, providerId, linkId));
    }

    private HttpResponseMessage revoke(HttpRequestMessage<Optional<String>> request, String providerId, String linkId) {
        if (links.revoke(providerId, linkId).isEmpty()) {
            return Problem.of(HttpStatus.NOT_FOUND, "No such feed link", "The provider has no feed link with that id")
                    .toResponse(request);
        }
        return request.createResponseBuilder(HttpStatus.NO_CONTENT).build();
    }
}
