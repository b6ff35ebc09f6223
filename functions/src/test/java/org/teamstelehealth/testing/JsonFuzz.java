package org.teamstelehealth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of JSON for the fuzz tests: any JSON value (strings of any characters, integers past
 * 64 bits, doubles, booleans, null, small arrays and objects), and a document with one field replaced.
 */
public final class JsonFuzz {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger HUGE = BigInteger.TWO.pow(70);

    private JsonFuzz() {}

    /** Any JSON value, nested at most three levels. */
    public static Arbitrary<JsonNode> values() {
        return Arbitraries.recursive(JsonFuzz::scalars, inner -> Arbitraries.oneOf(List.of(
                inner.list().ofMaxSize(3).map(items -> {
                    var array = NODES.arrayNode();
                    items.forEach(array::add);
                    return (JsonNode) array;
                }),
                Arbitraries.maps(texts(), inner).ofMaxSize(3).map(fields -> {
                    ObjectNode object = NODES.objectNode();
                    fields.forEach(object::set);
                    return (JsonNode) object;
                }))), 0, 3);
    }

    /** Strings of any UTF-16 characters (control characters, surrogates, noncharacters), up to 40 long. */
    public static Arbitrary<String> texts() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    private static Arbitrary<JsonNode> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, texts().map(NODES::textNode)),
                Tuple.of(2, Arbitraries.integers().between(-2, 2000).map(n -> (JsonNode) NODES.numberNode(n))),
                Tuple.of(1, Arbitraries.bigIntegers().between(HUGE.negate(), HUGE).map(n -> (JsonNode) NODES.numberNode(n))),
                Tuple.of(1, Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d))),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b))),
                Tuple.of(1, Arbitraries.just((JsonNode) NODES.nullNode())));
    }

    /** The JSON Pointer of every member of {@code document}, objects' members included, depth first. */
    public static List<String> pointers(JsonNode document) {
        List<String> pointers = new ArrayList<>();
        document.fields().forEachRemaining(field -> {
            pointers.add("/" + field.getKey());
            pointers.addAll(pointers(field.getValue()).stream().map(p -> "/" + field.getKey() + p).toList());
        });
        return pointers;
    }

    /** A copy of {@code document} with the member at {@code pointer} (an object member) set to {@code value}. */
    public static JsonNode with(JsonNode document, String pointer, JsonNode value) {
        JsonNode copy = document.deepCopy();
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) copy.at(pointer.substring(0, slash))).set(pointer.substring(slash + 1), value);
        return copy;
    }
}
