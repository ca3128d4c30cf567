package com.nightshift.reporting.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reconciliation report listing 100,000 open items renders in a 512 MB heap. Tagged
 * {@code bounded-memory}: surefire runs it in a JVM of its own with {@code -Xmx512m}
 * (reporting/pom.xml), so running out of memory fails it.
 */
@Tag("bounded-memory")
class LargeReportTest {

    private static final int ITEMS = 100_000;

    @TempDir
    Path dir;

    @Test
    void test_render_100000ItemTableInA512MegabyteHeapOnFullPagesWithHeaderAndPageNumbers() throws IOException {
        assertThat(Runtime.getRuntime().maxMemory()).as("the heap cap of this test's JVM").isLessThanOrEqualTo(512L << 20);
        List<List<String>> rows = new ArrayList<>(ITEMS);
        for (int i = 1; i <= ITEMS; i++) {
            rows.add(List.of(String.format("ITEM-%06d", i), "ACC-" + (1001 + i % 7), "2026-11-" + (10 + i % 10),
                    String.format("%,d.%02d", i * 37 % 1_000_000, i % 100), "USD", "Counterparty " + (i % 500),
                    "INV-" + (i * 7919 % 100_000)));
        }
        ReportDocument document = ReportDocument.of("Reconciliation ACC-1001", List.of("Open items, business date 2026-11-20"),
                LocalDate.of(2026, 11, 20), "run-large", Instant.parse("2026-11-21T05:30:00Z"), List.of(
                        ReportSection.Table.of("Unmatched ledger items", List.of(TableColumn.left("Entry"),
                                TableColumn.left("Account"), TableColumn.left("Value date"), TableColumn.right("Amount"),
                                TableColumn.left("Currency"), TableColumn.left("Counterparty"),
                                TableColumn.left("Reference")), rows)));
        Path file = dir.resolve("large.pdf");

        try (OutputStream out = Files.newOutputStream(file)) {
            new ReportRenderer().render(document, out);
        }

        try (PDDocument pdf = Loader.loadPDF(file.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
            int pages = pdf.getNumberOfPages();
            String first = pageText(pdf, 1);
            String second = pageText(pdf, 2);
            String last = pageText(pdf, pages);
            int onFirst = items(first);
            int perPage = items(second);
            // Every continuation page is full, so the count follows from the first two pages.
            assertThat(pages).isEqualTo(2 + (ITEMS - onFirst - perPage + perPage - 1) / perPage);
            assertThat(items(last)).isEqualTo(ITEMS - onFirst - (pages - 2) * perPage);
            assertThat(first).contains("ITEM-000001 ACC-1002 2026-11-11 37.01 USD Counterparty 1 INV-7919", "Page 1 of " + pages);
            assertThat(last).contains("Entry Account Value date Amount Currency Counterparty Reference",
                    "ITEM-100000 ACC-1006 2026-11-10 700,000.00 USD Counterparty 0 INV-0",
                    "Page " + pages + " of " + pages);
            assertThat(second).contains("Entry Account Value date Amount Currency Counterparty Reference", "Page 2 of " + pages);
        }
    }

    private static int items(String pageText) {
        return (int) pageText.lines().filter(line -> line.startsWith("ITEM-")).count();
    }

    private static String pageText(PDDocument pdf, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(pdf);
    }
}
