package org.teamstelehealth.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ASP.NET-style route template as Azure Functions reads {@code @HttpTrigger(route = ...)}:
 * literal segments (case-insensitive), {@code {name}}, optional {@code {name?}}, constrained
 * {@code {id:int}} and catch-all {@code {*rest}} parameters, also inside a segment ({@code {token}.ics}).
 */
public final class RouteTemplate implements Comparable<RouteTemplate> {
    private static final Pattern PARAMETER = Pattern.compile("\\{([^{}]+)\\}");

    private final String template;
    private final Pattern pattern;
    private final List<Param> params;
    private final String shape;
    private final String precedence;

    private record Param(String name, Predicate<String> constraint) {}

    private RouteTemplate(String template, Pattern pattern, List<Param> params, String shape, String precedence) {
        this.template = template;
        this.pattern = pattern;
        this.params = params;
        this.shape = shape;
        this.precedence = precedence;
    }

    public static RouteTemplate parse(String template) {
        String trimmed = template.replaceAll("^/+|/+$", "");
        StringBuilder regex = new StringBuilder("^");
        StringBuilder shape = new StringBuilder();
        StringBuilder precedence = new StringBuilder();
        List<Param> params = new ArrayList<>();
        String[] segments = trimmed.isEmpty() ? new String[0] : trimmed.split("/");
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            String slash = i == 0 ? "" : "/";
            shape.append(slash);
            Matcher whole = PARAMETER.matcher(segment);
            if (whole.matches()) {
                String spec = whole.group(1);
                if (spec.startsWith("*")) {
                    requireLast(template, i, segments.length);
                    params.add(new Param(spec.substring(1).replaceAll("[?:].*$", ""), v -> true));
                    regex.append("(?:").append(slash).append("(.*))?");
                    shape.append("{*}");
                    precedence.append('5');
                } else if (spec.endsWith("?")) {
                    requireLast(template, i, segments.length);
                    params.add(param(template, spec.substring(0, spec.length() - 1)));
                    regex.append("(?:").append(slash).append("([^/]+))?");
                    shape.append("{?}");
                    precedence.append('4');
                } else {
                    Param p = param(template, spec);
                    params.add(p);
                    regex.append(slash).append("([^/]+)");
                    shape.append(spec.contains(":") ? "{:" + spec.substring(spec.indexOf(':') + 1).toLowerCase() + "}" : "{}");
                    precedence.append(spec.contains(":") ? '2' : '3');
                }
            } else {
                regex.append(slash);
                int last = 0;
                Matcher inner = PARAMETER.matcher(segment);
                boolean complex = false;
                while (inner.find()) {
                    complex = true;
                    regex.append(Pattern.quote(segment.substring(last, inner.start()))).append("([^/]+?)");
                    params.add(param(template, inner.group(1)));
                    shape.append(segment.substring(last, inner.start()).toLowerCase()).append("{}");
                    last = inner.end();
                }
                if (segment.indexOf('{', last) >= 0 || segment.indexOf('}', last) >= 0) {
                    throw new IllegalArgumentException("Route '" + template + "': unbalanced braces in '" + segment + "'");
                }
                regex.append(Pattern.quote(segment.substring(last)));
                shape.append(segment.substring(last).toLowerCase());
                precedence.append(complex ? '1' : '0');
            }
        }
        regex.append("/?$");
        return new RouteTemplate(trimmed, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE),
                List.copyOf(params), shape.toString(), precedence.toString());
    }

    /**
     * The route values when {@code path} (below the route prefix, still URL-encoded, no leading
     * slash) matches, with every constraint met; empty otherwise.
     */
    public Optional<Map<String, String>> match(String path) {
        Matcher m = pattern.matcher(path.replaceAll("^/+", ""));
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            String raw = m.group(i + 1);
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            String value = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (!params.get(i).constraint().test(value)) {
                return Optional.empty();
            }
            values.put(params.get(i).name(), value);
        }
        return Optional.of(values);
    }

    public String template() {
        return template;
    }

    /** The template with parameter names erased and literals lower-cased: two routes of one shape clash. */
    public String shape() {
        return shape;
    }

    /** More specific routes first: literals before constrained parameters before plain ones before catch-alls. */
    @Override
    public int compareTo(RouteTemplate other) {
        int n = Math.min(precedence.length(), other.precedence.length());
        for (int i = 0; i < n; i++) {
            int c = Character.compare(precedence.charAt(i), other.precedence.charAt(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(other.precedence.length(), precedence.length());
    }

    @Override
    public String toString() {
        return template;
    }

    private static void requireLast(String template, int index, int count) {
        if (index != count - 1) {
            throw new IllegalArgumentException("Route '" + template + "': optional and catch-all parameters must be the last segment");
        }
    }

    private static Param param(String template, String spec) {
        String[] parts = spec.split(":", 2);
        String name = parts[0].replaceAll("[?=].*$", "");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Route '" + template + "': a parameter has no name");
        }
        Predicate<String> constraint = parts.length == 1 ? v -> true : constraint(template, parts[1]);
        return new Param(name, constraint);
    }

    private static Predicate<String> constraint(String template, String spec) {
        Predicate<String> all = v -> true;
        for (String c : spec.split(":(?![^(]*\\))")) {
            all = all.and(single(template, c));
        }
        return all;
    }

    private static Predicate<String> single(String template, String c) {
        Matcher withArg = Pattern.compile("(\\w+)\\((.*)\\)").matcher(c);
        if (withArg.matches()) {
            String arg = withArg.group(2);
            return switch (withArg.group(1).toLowerCase()) {
                case "minlength" -> v -> v.length() >= Integer.parseInt(arg);
                case "maxlength" -> v -> v.length() <= Integer.parseInt(arg);
                case "length" -> v -> v.length() == Integer.parseInt(arg);
                case "min" -> v -> isLong(v) && Long.parseLong(v) >= Long.parseLong(arg);
                case "max" -> v -> isLong(v) && Long.parseLong(v) <= Long.parseLong(arg);
                case "regex" -> v -> Pattern.compile(arg, Pattern.CASE_INSENSITIVE).matcher(v).find();
                default -> throw new IllegalArgumentException("Route '" + template + "': unknown constraint '" + c + "'");
            };
        }
        return switch (c.toLowerCase()) {
            case "int" -> v -> v.matches("-?\\d{1,10}") && fits(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "long" -> RouteTemplate::isLong;
            case "bool" -> v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
            case "alpha" -> v -> v.matches("[A-Za-z]+");
            case "guid" -> RouteTemplate::isGuid;
            case "decimal", "double", "float" -> v -> v.matches("-?\\d+(\\.\\d+)?");
            case "datetime" -> v -> !v.isBlank();
            default -> throw new IllegalArgumentException("Route '" + template + "': unknown constraint '" + c + "'");
        };
    }

    private static boolean isLong(String v) {
        return v.matches("-?\\d{1,19}") && fits(v, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static boolean fits(String v, long min, long max) {
        try {
            long n = Long.parseLong(v);
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isGuid(String v) {
        try {
            UUID.fromString(v);
            return v.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
