package org.teamstelehealth.notifications;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsError;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.teamstelehealth.platform.TemplateSandbox;

/**
 * The message templates: the defaults shipped in {@code templates/*.hbs}, replaced per name by a
 * clinic's own (kept in a {@link TemplateStore}). Each distinct source is compiled once.
 *
 * <p>Rendering for patients is lenient (a value the snapshot lacks renders empty, as the seed's
 * PMS does). Saving is strict: a template is rendered against a complete example appointment with
 * a "helper missing" hook that fails, so a misspelt variable is refused when it is saved, not
 * discovered when a patient gets a message with a hole in it.
 *
 * <p>Templates run in the {@link TemplateSandbox}: map keys only, the helpers {@value
 * TemplateSandbox#HELPER_LIST}, no partials; in HTML templates patient text is escaped whatever the stash.
 */
public final class Templates {
    private final TemplateStore store;
    private final Map<TemplateName, String> defaults;
    private final Handlebars lenient = TemplateSandbox.handlebars();
    private final Handlebars strict = strict();
    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    /** What an admin sees of one template. */
    public record View(String name, String description, boolean html, boolean overridden, String source) {}

    /** The sources in force for one message, read from the store once. */
    public final class Effective {
        private final Map<String, String> overrides;

        private Effective(Map<String, String> overrides) {
            this.overrides = overrides;
        }

        public String render(TemplateName name, Map<String, Object> model) throws TemplateException {
            return Templates.this.render(name, source(name), model);
        }

        /** The source in force: the clinic's override, else the shipped default. */
        public String source(TemplateName name) {
            return overrides.getOrDefault(name.id(), defaults.get(name));
        }
    }

    private record Compiled(String source, Template template) {}

    /** Thrown by the strict renderer for a name that resolves to nothing. */
    private static final class MissingName extends RuntimeException {
        MissingName(String name) {
            super("\"" + name + "\" is not a variable or helper templates can use", null, false, false);
        }
    }

    public Templates(TemplateStore store) {
        this.store = store;
        this.defaults = new java.util.EnumMap<>(TemplateName.class);
        for (TemplateName name : TemplateName.values()) {
            defaults.put(name, readDefault(name));
        }
    }

    /** The sources in force now (one store read), to render one message's templates with. */
    public Effective current() {
        return new Effective(store.overrides());
    }

    public List<View> list() {
        Map<String, String> overrides = store.overrides();
        return Arrays.stream(TemplateName.values()).map(name -> view(name, overrides)).toList();
    }

    public View get(TemplateName name) {
        return view(name, store.overrides());
    }

    /**
     * Replaces a template after checking it compiles and names only known variables.
     *
     * @throws TemplateException and keeps the template in force when {@code source} is not usable
     */
    public View save(TemplateName name, String source) throws TemplateException {
        check(name, source);
        store.save(name.id(), source);
        return new View(name.id(), name.description(), name.html(), true, source);
    }

    /** Goes back to the shipped default. */
    public View reset(TemplateName name) {
        store.remove(name.id());
        return new View(name.id(), name.description(), name.html(), false, defaults.get(name));
    }

    /** Compiles {@code source} and renders it strictly against the complete example appointment. */
    public void check(TemplateName name, String source) throws TemplateException {
        Template template = compile(name, strict, source);
        try {
            template.apply(context(name, MessageContent.exampleModel(name)));
        } catch (HandlebarsException e) {
            throw located(name, e);
        } catch (MissingName e) {
            throw new TemplateException(name.id(), 0, 0, e.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            throw new TemplateException(name.id(), 0, 0, "cannot be rendered: " + e.getClass().getSimpleName(), null);
        }
    }

    /** Renders {@code source} leniently: values the model lacks render empty. */
    public String render(TemplateName name, String source, Map<String, Object> model) throws TemplateException {
        Template template = cached(name, source);
        try {
            return template.apply(context(name, model));
        } catch (HandlebarsException e) {
            throw located(name, e);
        } catch (IOException | RuntimeException e) {
            // No message: it could quote the patient's data.
            throw new TemplateException(name.id(), 0, 0, "cannot be rendered: " + e.getClass().getSimpleName(), null);
        }
    }

    private Template cached(TemplateName name, String source) throws TemplateException {
        Compiled compiled = cache.get(name.id());
        if (compiled == null || !compiled.source().equals(source)) {
            compiled = new Compiled(source, compile(name, lenient, source));
            cache.put(name.id(), compiled);
        }
        return compiled.template();
    }

    private static Template compile(TemplateName name, Handlebars handlebars, String source) throws TemplateException {
        try {
            return handlebars.compileInline(source);
        } catch (HandlebarsException e) {
            throw located(name, e);
        } catch (IOException e) {
            throw new TemplateException(name.id(), 0, 0, "cannot be read", e);
        }
    }

    private static TemplateException located(TemplateName name, HandlebarsException e) {
        HandlebarsError error = e.getError();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (error == null) {
            String reason = root instanceof MissingName ? root.getMessage() : "cannot be compiled";
            return new TemplateException(name.id(), 0, 0, reason, null);
        }
        String reason = root instanceof MissingName ? root.getMessage() : firstLine(error.reason);
        // Handlebars (ANTLR) counts columns from 0; editors and people count from 1.
        return new TemplateException(name.id(), error.line, error.column + 1, reason, null);
    }

    private static String firstLine(String reason) {
        if (reason == null) {
            return "cannot be compiled";
        }
        int newline = reason.indexOf('\n');
        return (newline < 0 ? reason : reason.substring(0, newline)).trim();
    }

    /** The sandbox's context; an HTML template's text values escaped first, whatever the stash. */
    private static Context context(TemplateName name, Map<String, Object> model) {
        return TemplateSandbox.context(name.html() ? TemplateSandbox.htmlEscaped(model) : model);
    }

    private static Handlebars strict() {
        Handlebars handlebars = TemplateSandbox.handlebars();
        handlebars.registerHelperMissing((context, options) -> {
            throw new MissingName(options.helperName);
        });
        return handlebars;
    }

    private View view(TemplateName name, Map<String, String> overrides) {
        String override = overrides.get(name.id());
        return new View(name.id(), name.description(), name.html(), override != null,
                override != null ? override : defaults.get(name));
    }

    private static String readDefault(TemplateName name) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(name.resource())) {
            if (in == null) {
                throw new IllegalStateException("Default template " + name.resource() + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
