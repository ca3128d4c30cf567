package com.nightshift.reconciliation;

import com.nightshift.common.io.OutputSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.reconciliation.ReconciliationPipeline.Ageing;
import com.nightshift.common.io.InputSource;

class ReconciliationPipelineTest {

    private static final String HEADER = "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n";
    private static final String LEDGER = HEADER
            + "L1,ACC-1,2026-11-18,2026-11-18,100.00,EUR,Acme,INV-1,\n"
            + "L2,ACC-1,2026-11-19,2026-11-19,-40.00,EUR,Beta,INV-2,\n"
            + "L3,ACC-1,2026-11-16,2026-11-16,7.00,EUR,Gamma,INV-3,\n";
    private static final String MT940 = """
            :20:STMT
            :25:ACC-1
            :28C:1/1
            :60F:C261117EUR0,00
            :61:2611191119D40,00NTRFINV-2//B-2
            :62F:D261119EUR40,00
            -
            """;

    private static InputSource text(String name, String content) {
        return new InputSource(name, () -> new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void statements_of_different_formats_are_reconciled_as_one_set(@TempDir Path out) throws Exception {
        var outcome = ReconciliationPipeline.run(List.of(text("ledger.csv", LEDGER)),
                List.of(text("a.csv", HEADER + "S1,ACC-1,2026-11-19,2026-11-19,100.00,EUR,ACME,inv 1,\n"),
                        text("b.sta", MT940)),
                List.of(), ReconciliationRules.defaults(), Optional.empty(), Ageing.BY_BOOKING_DATE,
                OutputSink.directory(out), 1);

        assertThat(outcome.matchesByRule().get(MatchRule.EXACT)).isEqualTo(2);
        assertThat(outcome.result().businessDate()).isEqualTo(LocalDate.of(2026, 11, 19));
        assertThat(Files.readString(out.resolve("ACC-1/matches.csv"))).contains("L1,S1,exact").contains("L2,B-2,exact");
    }

    @Test
    void each_input_is_recorded_with_the_sha256_of_its_bytes_whatever_its_format(@TempDir Path out) throws Exception {
        String csv = HEADER + "S1,ACC-1,2026-11-19,2026-11-19,100.00,EUR,ACME,inv 1,\n";
        var outcome = ReconciliationPipeline.run(List.of(text("ledger.csv", LEDGER)),
                List.of(text("a.csv", csv), text("b.sta", MT940)), List.of(), ReconciliationRules.defaults(),
                Optional.empty(), Ageing.BY_BOOKING_DATE, OutputSink.directory(out), 1);

        // Statements are read by a detecting reader, which looks ahead and reads again: counted once still.
        assertThat(outcome.inputs()).extracting(com.nightshift.common.io.InputFile::sha256)
                .containsExactly(sha256(LEDGER), sha256(csv), sha256(MT940));
    }

    private static String sha256(String content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unmatched_entries_are_aged_from_their_booking_date_on_the_command_line(@TempDir Path out) throws Exception {
        ReconciliationPipeline.run(List.of(text("ledger.csv", LEDGER)), List.of(text("b.sta", MT940)), List.of(),
                ReconciliationRules.defaults(), Optional.of(LocalDate.of(2026, 11, 20)), Ageing.BY_BOOKING_DATE,
                OutputSink.directory(out), 1);

        assertThat(Files.readString(out.resolve("ACC-1/unmatched_ledger.csv")))
                .contains("L1,2,ACC-1").contains("L3,4,ACC-1");
    }

    @Test
    void an_entry_id_already_read_for_the_account_in_another_file_is_rejected(@TempDir Path out) throws Exception {
        String row = "S1,ACC-1,2026-11-19,2026-11-19,100.00,EUR,ACME,INV-1,\n";

        var outcome = ReconciliationPipeline.run(List.of(text("ledger.csv", LEDGER)),
                List.of(text("b.csv", HEADER + row), text("a.csv", HEADER + row)), List.of(),
                ReconciliationRules.defaults(), Optional.empty(), Ageing.BY_NIGHT, OutputSink.directory(out), 1);

        assertThat(outcome.statementEntries()).isEqualTo(1);
        assertThat(outcome.rejects().get("b.csv")).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("duplicate entry_id 'S1' for account ACC-1, already in a.csv");
            assertThat(r.lineNumber()).isEqualTo(2);
        });
        assertThat(Files.readString(out.resolve("rejects/b.csv"))).startsWith("line,reason,row");
    }

    @Test
    void open_items_written_tonight_match_tomorrow(@TempDir Path work) throws Exception {
        ReconciliationPipeline.run(List.of(text("ledger.csv", LEDGER)), List.of(), List.of(),
                ReconciliationRules.defaults(), Optional.of(LocalDate.of(2026, 11, 19)), Ageing.BY_NIGHT,
                OutputSink.directory(work.resolve("night1")), 1);

        var next = ReconciliationPipeline.run(List.of(), List.of(text("b.sta", MT940.replace("261119", "261120")
                        .replace("1119D", "1120D"))),
                List.of(InputSource.file(work.resolve("night1/open_items.csv"))), ReconciliationRules.defaults(),
                Optional.of(LocalDate.of(2026, 11, 20)), Ageing.BY_NIGHT, OutputSink.directory(work.resolve("night2")), 1);

        assertThat(next.matchesByRule().get(MatchRule.EXACT)).isEqualTo(1);
        assertThat(Files.readString(work.resolve("night2/ACC-1/unmatched_ledger.csv"))).contains("L1,1,").contains("L3,1,");
    }

    @Test
    void an_unreadable_statement_fails_naming_it(@TempDir Path out) {
        assertThatThrownBy(() -> ReconciliationPipeline.run(List.of(text("ledger.csv", LEDGER)),
                List.of(text("garbage.bin", "%PDF-1.7 not a statement")), List.of(), ReconciliationRules.defaults(),
                Optional.empty(), Ageing.BY_NIGHT, OutputSink.directory(out), 1))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("garbage.bin");
    }
}
