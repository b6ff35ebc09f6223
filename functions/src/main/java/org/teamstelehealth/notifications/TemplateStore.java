package org.teamstelehealth.notifications;

import java.util.Map;

/** Port: the templates a clinic replaced, by {@link TemplateName#id()}. Absent names use the shipped default. */
public interface TemplateStore {

    /** Every override, in one read. */
    Map<String, String> overrides();

    void save(String name, String source);

    /** Goes back to the default; nothing happens when there is no override. */
    void remove(String name);
}
