package org.teamstelehealth.meetings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.util.Map;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.TemplateSandbox;

/**
 * Renders the meeting subject from {@code MEETING_SUBJECT_TEMPLATE} over the snapshot's snake_case fields,
 * in the {@link TemplateSandbox} like every other template.
 */
public final class MeetingSubject {
    static final Handlebars HANDLEBARS = TemplateSandbox.handlebars();
    /** Teams truncates long subjects; Graph rejects very long ones. */
    private static final int MAX_LENGTH = 250;

    private final Template template;

    public MeetingSubject(MeetingSettings settings) {
        this.template = settings.compiledSubject();
    }

    public String render(Snapshot snapshot) {
        Map<String, Object> model = Json.MAPPER.convertValue(snapshot, new TypeReference<Map<String, Object>>() {});
        // Comments are the clinic's notes: the contract says they never go to Teams.
        model.remove("comments");
        try {
            String subject = template.apply(TemplateSandbox.context(model)).strip();
            return subject.length() > MAX_LENGTH ? subject.substring(0, MAX_LENGTH) : subject;
        } catch (IOException e) {
            throw new IllegalStateException("Could not render the meeting subject", e);
        }
    }
}
