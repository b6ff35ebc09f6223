package org.teamstelehealth.notifications;

/**
 * A template does not compile, or names a variable or helper that does not exist. Carries where
 * (1-based line and column in the template's source) so an admin can fix it.
 */
public class TemplateException extends Exception {
    private final String template;
    private final int line;
    private final int column;
    private final String reason;

    public TemplateException(String template, int line, int column, String reason, Throwable cause) {
        super(template + ":" + line + ":" + column + ": " + reason, cause);
        this.template = template;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String template() {
        return template;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
