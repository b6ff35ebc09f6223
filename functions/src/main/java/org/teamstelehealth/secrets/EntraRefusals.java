package org.teamstelehealth.secrets;

/** Reads Entra's answers: which failures mean the client secret itself was refused. */
public final class EntraRefusals {
    private EntraRefusals() {}

    /** Entra's answer when the client secret is wrong ({@code invalid_client}, AADSTS7000215) or expired (AADSTS7000222). */
    public static boolean isRejectedSecret(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("invalid_client") || message.contains("AADSTS7000215")
                    || message.contains("AADSTS7000222")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
