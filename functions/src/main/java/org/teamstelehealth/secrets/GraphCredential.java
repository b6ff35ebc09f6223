package org.teamstelehealth.secrets;

/** How the app signs in to Microsoft Graph ({@code GRAPH_CREDENTIAL}). */
public enum GraphCredential {
    /** The app registration's client secret, from Key Vault (or {@code GRAPH_CLIENT_SECRET} locally): reminded about and rotated. */
    CLIENT_SECRET,
    /**
     * A token of the app's managed identity, presented as the registration's client assertion through a
     * federated identity credential (docs/admin-guide.md §14.3): no client secret exists to remind about or rotate.
     */
    MANAGED_IDENTITY
}
