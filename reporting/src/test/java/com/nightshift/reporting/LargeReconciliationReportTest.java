package com.nightshift.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.reconciliation.ReconciliationDocument.Counts;
import com.nightshift.reconciliation.ReconciliationDocument.Item;
import com.nightshift.reconciliation.ReconciliationDocument.Totals;
import com.nightshift.reporting.pdf.ReportRenderer;

/**
 * The reconciliation report of a night with 100,000 open items, composed and rendered in a 512 MB
 * heap. Tagged {@code bounded-memory}: surefire runs it in a JVM of its own with {@code -Xmx512m}
 * (reporting/pom.xml), so running out of memory fails it.
 */
@Tag("bounded-memory")
class LargeReconciliationReportTest {

    private static final int ITEMS = 100_000;
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    @TempDir
    Path work;

    @Test
    void aNightOf100000OpenItemsBecomesAReportInA512MegabyteHeap_withTheFirstAndLastItemListed() throws IOException {
        assertThat(Runtime.getRuntime().maxMemory()).as("the heap cap of this test's JVM").isLessThanOrEqualTo(512L << 20);
        List<Item> ledger = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            LocalDate firstSeen = DATE.minusDays(i % 40);
            ledger.add(new Item(String.format("L-%06d", i), firstSeen, firstSeen, (i % 97) + "." + (i % 100 / 10) + "5",
                    "USD", "Counterparty " + (i % 300), String.format("INV-%06d", i), "", firstSeen,
                    ChronoUnit.DAYS.between(firstSeen, DATE)));
        }
        ResultManifest manifest = new ResultManifest(List.of(new InputObject("staging", "staged/ledger/l.csv", "e", "ab")),
                Map.of(), "1.0", Instant.parse("2026-11-21T03:00:00Z"), "sig");
        ReconciliationDocument result = new ReconciliationDocument("ACC-BIG", DATE, List.of("exact"),
                new Counts(ITEMS, 0, 0, Map.of("exact", 0L), ITEMS, 0, 0),
                List.of(new Totals("USD", "1.00", "0.00", "-1.00")), List.of(), ledger, List.of(), manifest);

        Path pdf = work.resolve("reconciliation.pdf");
        try (OutputStream out = Files.newOutputStream(pdf)) {
            new ReportRenderer().render(ReconciliationReport.compose(DATE, List.of(result), "run-big",
                    Instant.parse("2026-11-21T04:00:00Z")), out);
        }

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(1_000);
            PDFTextStripper stripper = new PDFTextStripper();
            String all = stripper.getText(document);
            assertThat(all).contains("L-000000 INV-000000").contains("L-099999 INV-099999")
                    .contains("Page " + pages + " of " + pages);
        }
    }
}
