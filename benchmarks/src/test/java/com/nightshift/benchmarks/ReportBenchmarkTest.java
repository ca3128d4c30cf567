package com.nightshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nightshift.reporting.pdf.ReportSection;

class ReportBenchmarkTest {

    @Test
    void report_isOneTableOfTheRequestedItemsDrawnTheSameEveryTime() {
        ReportSection.Table table = (ReportSection.Table) ReportBenchmark.report(500).sections().get(0);

        assertThat(table.rows()).hasSize(500);
        assertThat(table.rows().get(0).get(0)).isEqualTo("L-0000001");
        assertThat(ReportBenchmark.report(500)).isEqualTo(ReportBenchmark.report(500));
    }

    @Test
    void harness_printsEachRunWithItsPagesAndWritesThePdf(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        List<ReportBenchmark.Run> runs = ReportBenchmark.run(300, 2, dir, new PrintStream(captured, true, StandardCharsets.UTF_8));

        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).pages()).isGreaterThan(1).isEqualTo(runs.get(1).pages());
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .containsPattern("run 1: .* s, " + runs.get(0).pages() + " pages, .* pages/s")
                .contains("run 2:", "best:");
        assertThat(Files.readAllBytes(dir.resolve("report.pdf"))).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
    }
}
