package com.nightshift.common.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes and reads the JSON result documents that one stage writes and another reads, as their typed
 * records (DESIGN.md: no reader walks JSON by field names). Dates are ISO-8601 strings, decimals plain
 * (never exponents), doubles in their shortest exact form, and the output is indented in
 * record-component order, so the same record always gives the same bytes. Reading fails on an
 * unknown, missing or null field. Streams are flushed, never closed. Thread-safe.
 */
public final class DocumentJson {

    /**
     * The object mapper, made on first use: writing a document of records needs only {@link RecordTreeWriter},
     * and a short command that only writes should not pay for the mapper's start (see there).
     */
    private static final class Mapper {
        static final JsonMapper JSON = JsonMapper.builder(RecordTreeWriter.FACTORY)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();

        private Mapper() {
        }
    }

    private DocumentJson() {
    }

    /**
     * Runs the writing path once on a throw-away document, so that the first real write does not pay for
     * starting it. Worth calling on a spare core ahead of a short job's writes; it writes nothing anywhere.
     */
    public static void warmUp() {
        try {
            write(new Sample(0.1, 1, 1L, true, "", java.time.LocalDate.EPOCH, java.util.List.of(0.1),
                    java.util.Map.of("value", 0.1)), OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A record with an accessor of each kind the documents have. Accessors are called reflectively, and
     * the JDK creates the method handles behind a reflective call on its first use for each return kind
     * (double, int, long, boolean, reference): writing one of these creates them all.
     */
    private record Sample(double decimal, int count, long seed, boolean flag, String text, java.time.LocalDate date,
            java.util.List<Double> list, java.util.Map<String, Double> map) {
    }

    /** Writes {@code document} and a final newline. */
    public static void write(Object document, OutputStream out) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream(8192);
        if (RecordTreeWriter.write(document, plain)) {
            plain.writeTo(out);
        } else {
            Mapper.JSON.writeValue(out, document);
        }
        out.write('\n');
        out.flush();
    }

    /**
     * The document as the object mapper alone writes it, with the final newline: what {@link #bytes} gives
     * for every document, also where it takes the mapper's place. For tests of a document type.
     */
    public static byte[] mapperBytes(Object document) {
        return encoded(document, false);
    }

    /** The document as bytes, as {@link #write} writes it. */
    public static byte[] bytes(Object document) {
        return encoded(document, true);
    }

    /** The document and a final newline, written into one buffer (by the record writer when allowed and able). */
    private static byte[] encoded(Object document, boolean recordWriter) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            if (!(recordWriter && RecordTreeWriter.write(document, out))) {
                Mapper.JSON.writeValue(out, document);
            }
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads one document of type {@code type}.
     *
     * @throws IOException if the bytes are not JSON, or a field is unknown, missing or null
     */
    public static <T> T read(InputStream in, Class<T> type) throws IOException {
        return Mapper.JSON.readValue(in, type);
    }

    /**
     * What is wrong with a document that {@link #read} refused, in a line a person can act on: the field by
     * its path ({@code counts.matched}, {@code unmatchedLedger[3].amount}) and what is wrong with it, for
     * example {@code missing field 'counts.matched'}, {@code unknown field 'counts.openLedger'} or
     * {@code field 'manifest.signature' is null}; other problems as Jackson words them, without its source
     * excerpt.
     */
    public static String problem(IOException e) {
        String reason = e instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage();
        reason = reason == null ? e.getClass().getSimpleName() : reason.lines().findFirst().orElse(reason);
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        java.util.regex.Matcher field = java.util.regex.Pattern
                .compile("^(Missing creator property|Null value for creator property|Unrecognized field) ['\"]([^'\"]*)['\"].*")
                .matcher(reason);
        if (!field.matches()) {
            return path.isEmpty() ? reason : "at '" + path + "': " + reason;
        }
        String name = field.group(2);
        String full = path.isEmpty() ? name
                : path.toString().endsWith(name) ? path.toString() : path + "." + name;
        return switch (field.group(1)) {
            case "Missing creator property" -> "missing field '" + full + "'";
            case "Null value for creator property" -> "field '" + full + "' is null";
            default -> "unknown field '" + full + "'";
        };
    }
}
