package org.teamstelehealth.join;

/**
 * What a join link carries: the ids in its path and its query parameters, exactly as presented.
 *
 * @param vendor {@code teams}; missing is taken as {@code teams}, anything else is not ours
 * @param participant {@code provider} for the provider's link; missing for the patient's
 */
public record JoinRequest(String patientId, String appointmentId, String vendor, String participant, String token) {}
