package org.teamstelehealth.secrets;

import com.microsoft.graph.applications.item.addpassword.AddPasswordPostRequestBody;
import com.microsoft.graph.applications.item.removepassword.RemovePasswordPostRequestBody;
import com.microsoft.graph.models.Application;
import com.microsoft.graph.models.PasswordCredential;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;

/** {@link AppRegistration} through Microsoft Graph ({@code /applications}). */
@Adapter
public final class GraphAppRegistration implements AppRegistration {
    private final GraphServiceClient graph;
    private final String clientId;

    /** @param clientId the registration's application (client) id */
    public GraphAppRegistration(GraphServiceClient graph, String clientId) {
        this.graph = graph;
        this.clientId = clientId;
    }

    @Override
    public Optional<Registration> read() {
        try {
            Application application = graph.applicationsWithAppId(clientId)
                    .get(request -> {
                        request.queryParameters.select = new String[] {"id", "passwordCredentials"};
                        request.options.add(noRetry());
                    });
            List<PasswordCredential> credentials = application.getPasswordCredentials() == null
                    ? List.of() : application.getPasswordCredentials();
            return Optional.of(new Registration(application.getId(), credentials.stream()
                    .map(GraphAppRegistration::toPassword).toList()));
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 403) {
                return Optional.empty();
            }
            throw failure("read the app registration", e);
        }
    }

    @Override
    public NewPassword addPassword(String objectId, String displayName, Instant endDateTime) {
        PasswordCredential credential = new PasswordCredential();
        credential.setDisplayName(displayName);
        credential.setEndDateTime(OffsetDateTime.ofInstant(endDateTime, ZoneOffset.UTC));
        AddPasswordPostRequestBody body = new AddPasswordPostRequestBody();
        body.setPasswordCredential(credential);
        PasswordCredential added = call("add a password to the app registration",
                () -> graph.applications().byApplicationId(objectId).addPassword()
                        .post(body, request -> request.options.add(noRetry())));
        return new NewPassword(added.getKeyId(), added.getSecretText(),
                added.getEndDateTime() == null ? endDateTime : added.getEndDateTime().toInstant());
    }

    @Override
    public void removePassword(String objectId, UUID keyId) {
        RemovePasswordPostRequestBody body = new RemovePasswordPostRequestBody();
        body.setKeyId(keyId);
        call("remove password " + keyId + " from the app registration", () -> {
            graph.applications().byApplicationId(objectId).removePassword()
                    .post(body, request -> request.options.add(noRetry()));
            return null;
        });
    }

    /**
     * No SDK retries: its retry sleeps up to minutes on the invocation's thread. A failed admin
     * rotation is repeated by the admin (it resumes), a failed timer task by the next run.
     */
    private static RetryHandlerOption noRetry() {
        return new RetryHandlerOption(null, 0, 0);
    }

    private static Password toPassword(PasswordCredential credential) {
        return new Password(credential.getKeyId(), credential.getDisplayName(), credential.getHint(),
                Optional.ofNullable(credential.getEndDateTime()).map(OffsetDateTime::toInstant));
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw failure(what, e);
        }
    }

    private static AppRegistrationException failure(String what, ApiException e) {
        String code = e instanceof ODataError error && error.getError() != null ? error.getError().getCode() : null;
        return new AppRegistrationException("Could not " + what + ": Graph answered HTTP "
                + e.getResponseStatusCode() + (code == null ? "" : " " + code), e);
    }
}
