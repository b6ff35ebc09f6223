package org.teamstelehealth.meetings;

/** A user as Graph names them: Entra object id and user principal name ({@code GET /users/{key}?$select=id,userPrincipalName}). */
public record DirectoryUser(String objectId, String userPrincipalName) {}
