package org.teamstelehealth.intake;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * The schema's {@code pattern}s with ECMA-262's {@code $}: the end of the input. The validator's default
 * (the JDK's regex) lets {@code $} also match before a final line terminator, so
 * {@code "+61415100919\n"} would pass {@code ^\+[1-9][0-9]{6,14}$}. Every {@code $} that is not escaped
 * and not inside a character class becomes {@code \z}; the rest of the syntax the contract uses means
 * the same in both.
 */
final class EcmaAnchors implements RegularExpressionFactory {
    static final EcmaAnchors INSTANCE = new EcmaAnchors();

    private EcmaAnchors() {}

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(translate(regex));
        return value -> pattern.matcher(value).find();
    }

    static String translate(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
            } else if (c == '[') {
                inClass = true;
                out.append(c);
            } else if (c == ']') {
                inClass = false;
                out.append(c);
            } else if (c == '$' && !inClass) {
                out.append("\\z");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
