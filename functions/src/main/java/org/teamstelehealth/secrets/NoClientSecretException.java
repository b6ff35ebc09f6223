package org.teamstelehealth.secrets;

/** A client-secret operation asked for while the app signs in to Graph with its managed identity. */
public final class NoClientSecretException extends RuntimeException {
    public NoClientSecretException() {
        super("GRAPH_CREDENTIAL=managed_identity: the app signs in to Graph with its managed identity through a"
                + " federated identity credential, so there is no client secret to rotate or remind about");
    }
}
