package org.teamstelehealth.local.clashing;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** Two fake functions that answer the same route (names differ): the host must refuse to start. */
public class FirstClash {
    @FunctionName("listAppointments")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "appointments/{id}") HttpRequestMessage<Optional<String>> request) {
        return request.createResponseBuilder(HttpStatus.OK).build();
    }

    @FunctionName("getAppointment")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.HEAD}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "Appointments/{appointmentId}") HttpRequestMessage<Optional<String>> request) {
        return request.createResponseBuilder(HttpStatus.OK).build();
    }
}
