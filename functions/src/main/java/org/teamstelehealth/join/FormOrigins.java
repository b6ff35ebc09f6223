package org.teamstelehealth.join;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses the cross-site form posts a browser lets us detect, without script or a second secret. The join link's
 * token is what authorises an answer (another site cannot know it), so this is a second fence, kept cheap:
 * <ul>
 *   <li>{@code Sec-Fetch-Site: cross-site} (every current browser sends it) is refused; {@code same-origin},
 *       {@code same-site} and {@code none} (typed or opened from the SMS) are not;</li>
 *   <li>an {@code Origin} naming another origin than {@code PUBLIC_BASE_URL}'s is refused. {@code Origin: null} is
 *       accepted: our pages send {@code Referrer-Policy: no-referrer}, under which browsers send exactly that for
 *       their own same-origin posts.</li>
 * </ul>
 * Neither header present (old browsers, tools): accepted, the token decides.
 */
public final class FormOrigins {
    private final String origin;

    /** @param publicBaseUrl the address patients reach the app on ({@code PUBLIC_BASE_URL}) */
    public FormOrigins(URI publicBaseUrl) {
        this.origin = origin(publicBaseUrl);
    }

    public boolean allows(Optional<String> originHeader, Optional<String> fetchSite) {
        if (fetchSite.map(site -> site.trim().equalsIgnoreCase("cross-site")).orElse(false)) {
            return false;
        }
        return originHeader.map(String::trim)
                .map(value -> value.equals("null") || value.toLowerCase(Locale.ROOT).equals(origin))
                .orElse(true);
    }

    private static String origin(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 80 && "http".equalsIgnoreCase(uri.getScheme())
                || port == 443 && "https".equalsIgnoreCase(uri.getScheme());
        return (uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port)).toLowerCase(Locale.ROOT);
    }
}
