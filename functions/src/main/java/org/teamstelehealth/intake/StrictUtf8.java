package org.teamstelehealth.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes UTF-8 refusing what is not UTF-8 (no replacement characters), keeping every valid code
 * point as sent: no normalisation, line ends and U+2028 untouched.
 */
final class StrictUtf8 {
    private StrictUtf8() {}

    /** The text, or empty when the bytes are not well-formed UTF-8. */
    static Optional<String> decode(byte[] bytes) {
        CharBuffer out = CharBuffer.allocate(bytes.length);
        return firstError(bytes, out) < 0 ? Optional.of(out.flip().toString()) : Optional.empty();
    }

    /** The offset of the first byte that is not part of well-formed UTF-8, or -1 when all are. */
    static int firstBadByte(byte[] bytes) {
        return firstError(bytes, CharBuffer.allocate(bytes.length));
    }

    private static int firstError(byte[] bytes, CharBuffer out) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never needs more UTF-16 chars than bytes, so one buffer of that size cannot overflow.
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return in.position();
        }
        result = decoder.flush(out);
        return result.isError() ? in.position() : -1;
    }
}
