package com.nightshift.stages;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;

/**
 * Where two JSON documents differ, field by field: each difference is the field's path
 * ({@code book.var99}, {@code matches[3].difference}) with both values as written. Numbers are compared as
 * the text the document holds, which for the shortest exact form of a double is the bit pattern: equal
 * text, equal bits.
 */
final class DocumentDifferences {

    /** One field whose value differs, or that only one document has (its value then {@code (absent)}). */
    record Difference(String path, String expected, String actual) {
        @Override
        public String toString() {
            return path + ": " + expected + " in the result, " + actual + " recomputed";
        }
    }

    private DocumentDifferences() {
    }

    /** The differences between {@code expected} and {@code actual}, in document order. */
    static List<Difference> between(byte[] expected, byte[] actual) {
        List<Difference> found = new ArrayList<>();
        compare("", JsonCodec.tree(expected), JsonCodec.tree(actual), found);
        return found;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<Difference> found) {
        if (expected == null || actual == null) {
            found.add(new Difference(path, text(expected), text(actual)));
        } else if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            // Fields in the order the expected document has them, then any only the other has.
            List<String> ordered = new ArrayList<>();
            for (Iterator<String> it = expected.fieldNames(); it.hasNext();) {
                ordered.add(it.next());
            }
            names.stream().filter(n -> !ordered.contains(n)).forEach(ordered::add);
            for (String name : ordered) {
                compare(path.isEmpty() ? name : path + "." + name, expected.get(name), actual.get(name), found);
            }
        } else if (expected.isArray() && actual.isArray()) {
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), found);
            }
        } else if (!text(expected).equals(text(actual))) {
            found.add(new Difference(path, text(expected), text(actual)));
        }
    }

    private static String text(JsonNode node) {
        if (node == null) {
            return "(absent)";
        }
        return node.isValueNode() ? node.toString() : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
