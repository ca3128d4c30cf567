package com.nightshift.reconciliation;

import com.nightshift.common.io.DocumentJson;
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

    private ResultDocuments() {
    }

    public static void writeSummary(ReconciliationSummary summary, OutputStream out) throws IOException {
        write(summary, out);
    }

    public static ReconciliationSummary readSummary(InputStream in) throws IOException {
        return DocumentJson.read(in, ReconciliationSummary.class);
    }

    public static void writeManifest(ReconciliationManifest manifest, OutputStream out) throws IOException {
        write(manifest, out);
    }

    public static ReconciliationManifest readManifest(InputStream in) throws IOException {
        return DocumentJson.read(in, ReconciliationManifest.class);
    }

    private static void write(Object document, OutputStream out) throws IOException {
        DocumentJson.write(document, out);
    }
}
