package org.teamstelehealth.platform;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Decorator;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.HelperRegistry;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.helper.DefaultHelperRegistry;
import com.github.jknack.handlebars.io.AbstractTemplateLoader;
import com.github.jknack.handlebars.io.TemplateSource;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Handlebars for templates an admin saves, with nothing but the model to reach: values resolve as map
 * keys only (no Java getters or methods, so {@code {{patient.class}}} is nothing), the only helpers are
 * {@value #HELPER_LIST}, and there is no partial loader (Handlebars' default would include any
 * {@code .hbs} on the classpath; its default helpers include {@code i18n}, which reads any
 * {@code .properties} bundle there, and {@code embedded}, {@code precompile}, {@code lookup} ...).
 *
 * <p>Nothing is escaped on output: an HTML template gets its model's text escaped beforehand
 * ({@link #htmlEscaped}), so {@code {{x}}}, {@code {{{x}}}} and {@code {{&x}}} all print patient text
 * escaped, and raw HTML can only come from the template itself.
 */
public final class TemplateSandbox {
    /** For documentation and messages. */
    public static final String HELPER_LIST = "if, unless, each, with";
    private static final Set<String> HELPERS = Set.of("if", "unless", "each", "with", HelperRegistry.HELPER_MISSING);

    private TemplateSandbox() {}

    /** A sandboxed Handlebars; register a helper-missing hook on it to make unknown names fail. */
    public static Handlebars handlebars() {
        return new Handlebars(new NoPartials()).with(new AllowedHelpers()).with(EscapingStrategy.NOOP);
    }

    /** The context to apply a template to: {@code model}'s map keys and nothing else. */
    public static Context context(Map<String, ?> model) {
        return Context.newBuilder(model).resolver(MapValueResolver.INSTANCE).build();
    }

    /** A copy of {@code model} with every text value HTML-escaped as Handlebars escapes {@code {{x}}}. */
    public static Map<String, Object> htmlEscaped(Map<String, ?> model) {
        Map<String, Object> escaped = new LinkedHashMap<>();
        model.forEach((key, value) -> escaped.put(key, escape(value)));
        return escaped;
    }

    private static Object escape(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> escaped = new LinkedHashMap<>();
            map.forEach((key, inner) -> escaped.put(String.valueOf(key), escape(inner)));
            return escaped;
        }
        if (value instanceof Collection<?> items) {
            List<Object> escaped = new ArrayList<>();
            items.forEach(item -> escaped.add(escape(item)));
            return escaped;
        }
        return EscapingStrategy.HTML_ENTITY.escape(value.toString()).toString();
    }

    /** Handlebars' registry with every built-in helper and decorator but the allowed ones hidden. */
    private static final class AllowedHelpers extends DefaultHelperRegistry {
        @Override
        public <C> Helper<C> helper(String name) {
            return HELPERS.contains(name) ? super.helper(name) : null;
        }

        @Override
        public Set<Map.Entry<String, Helper<?>>> helpers() {
            return super.helpers().stream().filter(e -> HELPERS.contains(e.getKey())).collect(Collectors.toSet());
        }

        @Override
        public Decorator decorator(String name) {
            return null;
        }
    }

    /** Partials ({@code {{> name}}}) are not available: every lookup fails. */
    private static final class NoPartials extends AbstractTemplateLoader {
        @Override
        public TemplateSource sourceAt(String location) throws FileNotFoundException {
            throw new FileNotFoundException("partials ({{> ...}}) are not available in templates");
        }
    }
}
