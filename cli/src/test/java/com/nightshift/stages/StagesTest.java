package com.nightshift.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.local.SampleDataSet;

/** The one-stage commands on the sample night's files give the sample's known truth. */
class StagesTest {

    private static final SampleDataSet SAMPLE = SampleDataSet.generate(20261120L);

    @TempDir
    Path work;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(output, true, StandardCharsets.UTF_8);

    @BeforeEach
    void writeSampleFiles() throws IOException {
        for (var file : SAMPLE.files().entrySet()) {
            Path path = work.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        // One statement file for all accounts, as a bank might send.
        StringBuilder statements = new StringBuilder();
        for (var file : SAMPLE.files().entrySet()) {
            if (file.getKey().startsWith("inbound/statements/")) {
                String text = new String(file.getValue(), StandardCharsets.UTF_8);
                statements.append(statements.isEmpty() ? text : text.substring(text.indexOf('\n') + 1));
            }
        }
        Files.writeString(work.resolve("statements.csv"), statements);
    }

    private static JsonNode json(Path file) throws IOException {
        return JsonCodec.tree(Files.readAllBytes(file));
    }

    @Test
    void reconcile_gives_each_account_its_known_counts() throws IOException {
        ReconcileStage.run(List.of("--ledger", work.resolve("inbound/ledger/ledger-2026-11-20.csv").toString(),
                "--statement", work.resolve("statements.csv").toString(), "--out", work.resolve("out").toString()),
                work.resolve("unused"), Map.of(), console);
        for (SampleDataSet.AccountTruth truth : SAMPLE.accounts()) {
            JsonNode counts = json(work.resolve("out/results/recon/2026-11-20/" + truth.account() + "/result.json"))
                    .path("counts");
            assertThat(counts.path("matched").asInt()).as(truth.account()).isEqualTo(truth.matched());
            assertThat(counts.path("unmatchedLedger").asInt()).as(truth.account()).isEqualTo(truth.unmatchedLedger());
            assertThat(counts.path("unmatchedStatement").asInt()).as(truth.account()).isEqualTo(truth.unmatchedStatement());
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("2 of 119 rows rejected");
    }

    @Test
    void var_gives_the_same_numbers_for_the_same_inputs_and_seed() throws IOException {
        List<String> args = List.of("--positions", work.resolve("inbound/positions/positions-2026-11-20.csv").toString(),
                "--prices", work.resolve("inbound/market-data/prices-2026-11-20.csv").toString(),
                "--scenarios", "2000", "--out");
        VarStage.run(concat(args, work.resolve("first").toString()), work, Map.of(), console);
        VarStage.run(concat(args, work.resolve("second").toString()), work, Map.of(), console);
        for (String portfolio : SAMPLE.portfolios()) {
            JsonNode first = json(work.resolve("first/results/risk/2026-11-20/" + portfolio + "/result.json"));
            JsonNode second = json(work.resolve("second/results/risk/2026-11-20/" + portfolio + "/result.json"));
            assertThat(first.path("valueAtRisk").asDouble()).as(portfolio).isPositive()
                    .isEqualTo(second.path("valueAtRisk").asDouble());
            assertThat(first.path("expectedShortfall").asDouble()).isGreaterThanOrEqualTo(first.path("valueAtRisk").asDouble());
            assertThat(first.path("scenarios").asInt()).isEqualTo(2000);
        }
    }

    @Test
    void report_renders_a_result_document_as_its_pdf() throws Exception {
        ReconcileStage.run(List.of("--ledger", work.resolve("inbound/ledger/ledger-2026-11-20.csv").toString(),
                "--statement", work.resolve("statements.csv").toString(), "--out", work.resolve("out").toString()),
                work, Map.of(), console);
        Path result = work.resolve("out/results/recon/2026-11-20/ACC-1001/result.json");
        ReportStage.run(List.of(result.toString(), "--out", work.resolve("acc.pdf").toString()), console);
        try (PDDocument pdf = Loader.loadPDF(work.resolve("acc.pdf").toFile())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Reconciliation ACC-1001")
                    .containsPattern("(?m)^Matched\\s+36\\s*$");
        }
    }

    @Test
    void a_missing_input_file_is_named_in_the_error() {
        assertThatThrownBy(() -> ReconcileStage.run(List.of("--ledger", work.resolve("nope.csv").toString(),
                "--statement", work.resolve("statements.csv").toString()), work, Map.of(), console))
                .hasMessageContaining("--ledger").hasMessageContaining("nope.csv");
    }

    @Test
    void an_unknown_option_is_refused_with_the_accepted_ones() {
        assertThatThrownBy(() -> VarStage.run(List.of("--portfolio", "x"), work, Map.of(), console))
                .hasMessageContaining("--portfolio").hasMessageContaining("--positions");
    }

    @Test
    void a_document_that_is_no_result_is_refused() throws IOException {
        Path other = Files.writeString(work.resolve("other.json"), "{\"hello\":1}");
        assertThatThrownBy(() -> ReportStage.run(List.of(other.toString()), console))
                .hasMessageContaining("neither a reconciliation nor a risk result");
    }

    private static List<String> concat(List<String> args, String last) {
        return java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of(last)).toList();
    }
}
