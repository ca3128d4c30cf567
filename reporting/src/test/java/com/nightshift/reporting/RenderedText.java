package com.nightshift.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportRenderer;
import com.nightshift.reporting.pdf.ReportSection;

/** A composed report rendered to PDF and read back as a person reads it: its text, and its sections. */
final class RenderedText {

    private RenderedText() {
    }

    static String of(ReportDocument document) {
        byte[] pdf = new ReportRenderer().render(document);
        try (PDDocument read = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int pages(ReportDocument document) {
        try (PDDocument read = Loader.loadPDF(new ReportRenderer().render(document))) {
            return read.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one section of {@code type} whose heading starts with {@code heading}. */
    static <T extends ReportSection> T section(ReportDocument document, Class<T> type, String heading) {
        return document.sections().stream().filter(type::isInstance).map(type::cast)
                .filter(s -> s.heading().startsWith(heading)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " '" + heading + "' in "
                        + document.sections().stream().map(ReportSection::heading).toList()));
    }
}
