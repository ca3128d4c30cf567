package com.nightshift.reconciliation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes and reads the JSON documents of a reconciliation, {@code summary.json} and {@code manifest.json},
 * as their typed records. Dates are ISO-8601 strings, amounts plain exact decimals (never exponents), and
 * the output is indented, in record-component order, so the same record always gives the same bytes.
 * Reading fails on an unknown, missing or null field. Streams are flushed, never closed. Thread-safe.
 */
public final class ResultDocuments {

    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ResultDocuments() {
    }

    public static void writeSummary(ReconciliationSummary summary, OutputStream out) throws IOException {
        write(summary, out);
    }

    public static ReconciliationSummary readSummary(InputStream in) throws IOException {
        return JSON.readValue(in, ReconciliationSummary.class);
    }

    public static void writeManifest(ReconciliationManifest manifest, OutputStream out) throws IOException {
        write(manifest, out);
    }

    public static ReconciliationManifest readManifest(InputStream in) throws IOException {
        return JSON.readValue(in, ReconciliationManifest.class);
    }

    private static void write(Object document, OutputStream out) throws IOException {
        JSON.writeValue(out, document);
        out.write('\n');
        out.flush();
    }
}
