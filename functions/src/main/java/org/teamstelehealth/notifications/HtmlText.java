package org.teamstelehealth.notifications;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The plain-text alternative of an HTML email body, for mail clients that do not show HTML. */
final class HtmlText {
    private static final Pattern LINK = Pattern.compile("(?is)<a\\s[^>]*href\\s*=\\s*\"([^\"]*)\"[^>]*>(.*?)</a>");

    private HtmlText() {}

    static String toPlainText(String html) {
        Matcher links = LINK.matcher(html);
        StringBuilder withLinks = new StringBuilder();
        while (links.find()) {
            String href = links.group(1);
            String label = links.group(2).replaceAll("<[^>]*>", "").strip();
            String text = label.equals(href) || label.isEmpty() ? href : label + " (" + href + ")";
            links.appendReplacement(withLinks, Matcher.quoteReplacement(text));
        }
        links.appendTail(withLinks);
        String text = withLinks.toString()
                .replaceAll("\\R", " ")
                .replaceAll("(?i)<br\\s*/?>\\s*", "\n")
                .replaceAll("(?i)</p>\\s*", "\n\n")
                .replaceAll("(?i)</(div|li|h[1-6]|tr)>\\s*", "\n")
                .replaceAll("<[^>]*>", "")
                .replaceAll("[ \\t]+\n", "\n")
                .replaceAll("\n{3,}", "\n\n");
        return unescape(text).strip();
    }

    private static String unescape(String text) {
        Matcher entity = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);").matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> new String(Character.toChars(name.startsWith("#x")
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1))));
            };
            entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(out);
        return out.toString();
    }
}
