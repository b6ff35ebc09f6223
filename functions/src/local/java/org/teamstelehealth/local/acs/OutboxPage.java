package org.teamstelehealth.local.acs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.teamstelehealth.notifications.SmsSegments;

/**
 * {@code /local/outbox}: each SMS and email a patient would have received, newest first. Everything
 * from the message is escaped; an email's HTML is shown in a sandboxed iframe (no scripts, no
 * same-origin), and its {@code invite.ics} is a download.
 */
final class OutboxPage implements HttpHandler {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private final Supplier<List<OutboxMessage>> outbox;

    OutboxPage(Supplier<List<OutboxMessage>> outbox) {
        this.outbox = outbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] page = render(outbox.get()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
        }
    }

    static String render(List<OutboxMessage> messages) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outbox (local ACS)</title>
                <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
                article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
                pre{white-space:pre-wrap;background:#f6f6f6;padding:.75rem}iframe{width:100%;height:22rem;border:1px solid #ddd}
                .meta{color:#555;font-size:.9rem}</style></head><body>
                <h1>Outbox</h1><p class="meta">What patients would have received through Azure Communication Services, newest first.</p>
                """);
        if (messages.isEmpty()) {
            html.append("<p>Nothing sent yet.</p>");
        }
        for (OutboxMessage m : messages) {
            html.append("<article class=\"").append(m.kind().name().toLowerCase()).append("\">");
            html.append("<p class=\"meta\">").append(m.kind()).append(" · ").append(TIME.format(m.at()))
                    .append(" · from ").append(escape(m.from())).append(" to ").append(escape(String.join(", ", m.to())));
            if (m.kind() == OutboxMessage.Kind.SMS) {
                SmsSegments segments = SmsSegments.of(m.text());
                html.append(" · ").append(segments.segments()).append(" part(s), ").append(segments.encoding());
                html.append("</p><pre>").append(escape(m.text())).append("</pre>");
            } else {
                html.append("</p><h2>").append(escape(m.subject())).append("</h2>");
                if (m.html() != null) {
                    html.append("<iframe sandbox title=\"email body\" srcdoc=\"").append(escape(m.html())).append("\"></iframe>");
                }
                if (m.text() != null) {
                    html.append("<details><summary>Plain text</summary><pre>").append(escape(m.text())).append("</pre></details>");
                }
                if (m.invite() != null) {
                    html.append("<p><a download=\"invite.ics\" href=\"data:text/calendar;charset=utf-8;base64,")
                            .append(Base64.getEncoder().encodeToString(m.invite())).append("\">invite.ics</a></p>")
                            .append("<details><summary>invite.ics</summary><pre>")
                            .append(escape(new String(m.invite(), StandardCharsets.UTF_8))).append("</pre></details>");
                }
            }
            html.append("</article>");
        }
        return html.append("</body></html>").toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
