package com.nightshift.reconciliation;

import com.nightshift.common.io.InputFile;
import com.nightshift.common.io.OutputSink;
import static com.nightshift.reconciliation.Entries.BUSINESS_DATE;
import static com.nightshift.reconciliation.Entries.EUR;
import static com.nightshift.reconciliation.Entries.entry;
import static com.nightshift.reconciliation.Entries.in;
import static com.nightshift.reconciliation.Entries.inAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultWriterTest {

    private static final String SHA = "0".repeat(63) + "1";

    private static ReconciliationResult result() {
        var stale = OpenItem.of(Side.STATEMENT, entry("S9", BUSINESS_DATE.minusDays(8), "5.00", "Bank", "FEE", "Fee, monthly"),
                BUSINESS_DATE.minusDays(6));
        return Reconciliation.run(
                List.of(entry("L1", "100.00", "Acme", "INV-1"), entry("L2", "200.00", "Globex", "INV-2"),
                        entry("L3", "40.00", "Initech", "B-1"), entry("L4", "60.00", "Initech", "B-1"),
                        entry("L5", "-3.00", "", ""), in(EUR, entry("L6", "8.00", "", "")),
                        inAccount("ACC-2", entry("L7", "1.00", "", "X-1"))),
                List.of(entry("S1", "100.00", "ACME", "inv 1"), entry("S2", BUSINESS_DATE.minusDays(1), "200.01", "GLOBEX", ""),
                        entry("S3", "100.00", "", "B 1")),
                List.of(stale), ReconciliationRules.defaults(), BUSINESS_DATE);
    }

    /** A sink into memory that remembers which streams were closed. */
    private static final class MemorySink implements OutputSink {
        final Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
        final List<String> closed = new ArrayList<>();

        @Override
        public OutputStream open(String name) {
            var bytes = new ByteArrayOutputStream() {
                @Override
                public void close() {
                    closed.add(name);
                }
            };
            files.put(name, bytes);
            return bytes;
        }

        String text(String name) {
            return files.get(name).toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void writes_the_five_files_of_each_account_under_its_folder_and_closes_every_stream() throws IOException {
        var sink = new MemorySink();
        new ResultWriter(List.of(InputFile.of("ledger.csv", SHA)), "1.2.3").writeAll(result(), sink);
        assertThat(sink.files.keySet()).containsExactly(
                "ACC-1/matches.csv", "ACC-1/unmatched_ledger.csv", "ACC-1/unmatched_statement.csv", "ACC-1/summary.json",
                "ACC-1/manifest.json",
                "ACC-2/matches.csv", "ACC-2/unmatched_ledger.csv", "ACC-2/unmatched_statement.csv", "ACC-2/summary.json",
                "ACC-2/manifest.json");
        assertThat(sink.closed).containsExactlyElementsOf(sink.files.keySet());
    }

    @Test
    void matches_csv_has_one_row_per_match_with_ids_rule_and_differences() throws IOException {
        var sink = new MemorySink();
        new ResultWriter(List.of()).writeAll(result(), sink);
        assertThat(sink.text("ACC-1/matches.csv")).isEqualTo(
                "ledger_ids,statement_ids,rule,amount_difference,value_date_difference_days\r\n"
                        + "L1,S1,exact,0.00,0\r\n"
                        + "L2,S2,tolerance,0.01,-1\r\n"
                        + "L3;L4,S3,aggregate,0.00,0\r\n");
    }

    @Test
    void unmatched_files_start_with_the_entry_id_and_its_age() throws IOException {
        var sink = new MemorySink();
        new ResultWriter(List.of()).writeAll(result(), sink);
        assertThat(sink.text("ACC-1/unmatched_ledger.csv")).isEqualTo(
                "entry_id,age_days,account,booking_date,value_date,amount,currency,counterparty,reference,description\r\n"
                        + "L6,0,ACC-1,2026-11-20,2026-11-20,8.00,EUR,,,\r\n"
                        + "L5,0,ACC-1,2026-11-20,2026-11-20,-3.00,USD,,,\r\n");
        assertThat(sink.text("ACC-1/unmatched_statement.csv")).endsWith(
                "\r\nS9,6,ACC-1,2026-11-20,2026-11-12,5.00,USD,Bank,FEE,\"Fee, monthly\"\r\n");
    }

    @Test
    void the_summary_counts_and_sums_each_rule_and_side_per_currency_and_reads_back() throws IOException {
        var sink = new MemorySink();
        ReconciliationResult result = result();
        new ResultWriter(List.of()).writeAll(result, sink);
        ReconciliationSummary summary = ResultDocuments.readSummary(
                new java.io.ByteArrayInputStream(sink.files.get("ACC-1/summary.json").toByteArray()));
        assertThat(summary).isEqualTo(result.accounts().get(0).summary());
        assertThat(summary.currencies()).extracting(c -> c.currency().getCurrencyCode()).containsExactly("EUR", "USD");
        var usd = summary.currencies().get(1);
        assertThat(usd.rules()).extracting(r -> r.rule().id() + " " + r.matches() + " " + r.ledger().entries() + " "
                + r.ledger().amount().toPlainString() + " " + r.statement().entries() + " "
                + r.statement().amount().toPlainString() + " " + r.amountDifference().toPlainString())
                .containsExactly("exact 1 1 100.00 1 100.00 0.00", "tolerance 1 1 200.00 1 200.01 0.01",
                        "aggregate 1 2 100.00 1 100.00 0.00");
        assertThat(usd.ledger()).isEqualTo(new ReconciliationSummary.Totals(5, new BigDecimal("397.00")));
        assertThat(usd.statement()).isEqualTo(new ReconciliationSummary.Totals(4, new BigDecimal("405.01")));
        assertThat(usd.unmatchedLedger()).isEqualTo(new ReconciliationSummary.OpenTotals(1, new BigDecimal("-3.00"), 0, 0));
        assertThat(usd.unmatchedStatement()).isEqualTo(new ReconciliationSummary.OpenTotals(1, new BigDecimal("5.00"), 1, 6));
        assertThat(sink.text("ACC-1/summary.json")).contains("\"amount\" : 397.00").doesNotContain("E+");
    }

    @Test
    void the_manifest_records_inputs_rules_and_code_version_and_reads_back() throws IOException {
        var sink = new MemorySink();
        var inputs = List.of(InputFile.of("inbound/ledger/ACC-1.csv", SHA), InputFile.of("open_items.csv", SHA));
        new ResultWriter(inputs, "0.1.0").writeAll(result(), sink);
        ReconciliationManifest manifest = ResultDocuments.readManifest(
                new java.io.ByteArrayInputStream(sink.files.get("ACC-2/manifest.json").toByteArray()));
        assertThat(manifest).isEqualTo(new ReconciliationManifest("ACC-2", BUSINESS_DATE, inputs,
                ReconciliationRules.defaults(), "0.1.0",
                List.of("matches.csv", "unmatched_ledger.csv", "unmatched_statement.csv", "summary.json")));
        assertThat(sink.text("ACC-2/manifest.json")).contains("\"businessDate\" : \"2026-11-20\"",
                "\"enabled\" : [ \"exact\", \"tolerance\", \"aggregate\" ]");
    }

    @Test
    void the_same_result_writes_the_same_bytes() throws IOException {
        var first = new MemorySink();
        var second = new MemorySink();
        new ResultWriter(List.of()).writeAll(result(), first);
        new ResultWriter(List.of()).writeAll(result(), second);
        for (String name : first.files.keySet()) {
            assertThat(second.files.get(name).toByteArray()).as(name).isEqualTo(first.files.get(name).toByteArray());
        }
    }

    @Test
    void a_document_with_a_missing_or_unknown_field_does_not_read() {
        assertThatThrownBy(() -> ResultDocuments.readSummary(stream("{\"account\":\"A\",\"businessDate\":\"2026-11-20\"}")))
                .isInstanceOf(IOException.class).hasMessageContaining("currencies");
        assertThatThrownBy(() -> ResultDocuments.readSummary(stream(
                "{\"account\":\"A\",\"businessDate\":\"2026-11-20\",\"currencies\":[],\"extra\":1}")))
                .isInstanceOf(IOException.class).hasMessageContaining("extra");
    }

    private static InputStream stream(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_directory_sink_writes_files_in_folders(@TempDir Path dir) throws IOException {
        new ResultWriter(List.of()).writeAll(result(), OutputSink.directory(dir));
        assertThat(dir.resolve("ACC-1/matches.csv")).exists();
        assertThat(Files.readString(dir.resolve("ACC-2/unmatched_ledger.csv"))).contains("L7,0,ACC-2");
    }

    @Test
    void a_directory_sink_refuses_names_that_would_leave_its_folder(@TempDir Path dir) {
        OutputSink sink = OutputSink.directory(dir);
        for (String name : List.of("../x.csv", "/tmp/x.csv", "a//b.csv", "./x.csv", "", "a\\..\\b")) {
            assertThatThrownBy(() -> sink.open(name)).as(name).isInstanceOf(IOException.class);
        }
    }

    @Test
    void input_files_carry_a_sha_256() {
        assertThatThrownBy(() -> InputFile.of("x", "abc")).hasMessageContaining("64 lower-case hex digits");
        assertThatThrownBy(() -> InputFile.of(" ", SHA)).hasMessageContaining("name");
        var digest = InputFile.newDigest();
        digest.update("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(InputFile.of("abc", digest).sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
