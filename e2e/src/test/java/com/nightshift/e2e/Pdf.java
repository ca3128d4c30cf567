package com.nightshift.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads a report the way a person would: its text, page by page, and its lines of figures. */
final class Pdf {

    private Pdf() {
    }

    static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable PDF", e);
        }
    }

    /** A line of the text that holds exactly these cells, in order, as a table row or a key figure shows them. */
    static Pattern line(String... cells) {
        return Pattern.compile("(?m)^" + Pattern.quote(String.join(" ", cells)) + "\\s*$");
    }

    /** A count as reports write it: {@code 1,234}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A simulated amount as reports write it: {@code 12,345.68}. */
    static String money(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    /** The text with every run of white space (a wrapped line) as one space. */
    static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
