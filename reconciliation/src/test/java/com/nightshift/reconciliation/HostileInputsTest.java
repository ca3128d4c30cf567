package com.nightshift.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.GeneratedInput;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.InputSource;
import com.nightshift.common.io.OutputSink;
import com.nightshift.reconciliation.ReconciliationPipeline.Ageing;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile statements through the reconciliation pipeline, the path {@code bin/nightshift reconcile} and the
 * processing service share: each is refused naming the file, after reading little of it, and in a heap
 * capped at 128 MB (this class is tagged {@code bounded-memory}, so the build runs it in such a JVM). A
 * statement with one 100 MB line used to be accepted and cost about 950 MB.
 */
@Tag("bounded-memory")
class HostileInputsTest {

    private static final String HEADER =
            "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n";
    private static final String LEDGER = HEADER + "L1,ACC-1,2026-11-18,2026-11-18,100.00,EUR,Acme,INV-1,\n";
    private static final long HUNDRED_MB = 100L << 20;
    private static final long TWO_GB = 2L << 30;

    private static InputSource ledger() {
        return new InputSource("ledger.csv", () -> new ByteArrayInputStream(LEDGER.getBytes(StandardCharsets.UTF_8)));
    }

    private static ReconciliationPipeline.Outcome reconcile(InputSource statement, Path out, InputLimits limits)
            throws Exception {
        return ReconciliationPipeline.run(List.of(ledger()), List.of(statement), List.of(), ReconciliationRules.defaults(),
                Optional.empty(), Ageing.BY_NIGHT, OutputSink.directory(out), 1, limits);
    }

    @Test
    void a_csv_statement_with_a_hundred_megabyte_line_is_refused_naming_the_file(@TempDir Path out) {
        GeneratedInput hostile = GeneratedInput.of(HEADER + "S1,ACC-1,2026-11-18,2026-11-18,100.00,EUR,Acme,INV-1,",
                "x", HUNDRED_MB);

        assertThatThrownBy(() -> reconcile(new InputSource("inbound/bank.csv", () -> hostile), out, InputLimits.DEFAULTS))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("inbound/bank.csv: line 2 is longer than the limit of 65536 characters");
        assertThat(hostile.bytesRead()).isLessThan(1 << 20);
    }

    @Test
    void a_two_gigabyte_statement_of_known_size_is_refused_before_a_byte_is_read(@TempDir Path out) {
        GeneratedInput hostile = GeneratedInput.of(HEADER, "S,ACC-1,2026-11-18,2026-11-18,1.00,EUR,A,R,\n", TWO_GB);

        assertThatThrownBy(() -> reconcile(new InputSource("inbound/huge.csv", () -> hostile, OptionalLong.of(TWO_GB)),
                out, InputLimits.DEFAULTS))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("inbound/huge.csv: file is larger than the limit of 1073741824 bytes (at least 2147483648 bytes)");
        assertThat(hostile.bytesRead()).isZero();
    }

    @Test
    void a_two_gigabyte_stream_of_unknown_size_is_refused_at_the_file_limit(@TempDir Path out) {
        // Valid rows all the way: only the size is wrong. The limit is small so the test reads little.
        GeneratedInput hostile = GeneratedInput.of(HEADER + "S0,ACC-1,2026-11-18,2026-11-18,1.00,EUR,A,R,\n",
                "S,ACC-1,2026-11-18,2026-11-18,1.00,EUR,A,R,\n", TWO_GB);
        InputLimits limits = new InputLimits(4 << 20, 1 << 16, 1 << 12, 1 << 24);

        assertThatThrownBy(() -> reconcile(new InputSource("inbound/endless.csv", () -> hostile), out, limits))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("inbound/endless.csv: file is larger than the limit of 4194304 bytes");
        assertThat(hostile.bytesRead()).isLessThan((4 << 20) + (1 << 17));
    }

    @Test
    void a_camt053_statement_with_a_hundred_megabyte_text_is_refused_naming_the_file(@TempDir Path out) {
        GeneratedInput hostile = GeneratedInput.of("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:"
                + "xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>S</Id><Ntry><AddtlNtryInf>", "y", HUNDRED_MB);

        assertThatThrownBy(() -> reconcile(new InputSource("inbound/bank.xml", () -> hostile), out, InputLimits.DEFAULTS))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("inbound/bank.xml: camt.053 XML")
                .hasMessageContaining("XML text or markup without a tag is longer than the limit");
        assertThat(hostile.bytesRead()).isLessThan(1 << 20);
    }

    @Test
    void a_local_file_over_the_limit_is_refused_by_its_size(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bank.csv"),
                HEADER + "S1,ACC-1,2026-11-18,2026-11-18,1.00,EUR,A,R,a description of thirty chars\n");
        InputLimits limits = new InputLimits(150, 100, 50, 100);

        assertThatThrownBy(() -> reconcile(InputSource.file(file), dir.resolve("out"), limits))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage(file + ": file is larger than the limit of 150 bytes (at least " + Files.size(file) + " bytes)");
    }

    @Test
    void an_over_long_field_in_a_statement_is_a_rejected_row_and_the_rest_is_reconciled(@TempDir Path out)
            throws Exception {
        String statement = HEADER + "S1,ACC-1,2026-11-18,2026-11-18,100.00,EUR,Acme,INV-1,\n"
                + "S2,ACC-1,2026-11-18,2026-11-18,5.00,EUR,Acme,INV-9," + "d".repeat(5_000) + "\n";

        var outcome = reconcile(new InputSource("bank.csv",
                () -> new ByteArrayInputStream(statement.getBytes(StandardCharsets.UTF_8))), out, InputLimits.DEFAULTS);

        assertThat(outcome.rejects().get("bank.csv")).singleElement().satisfies(row -> {
            assertThat(row.lineNumber()).isEqualTo(3);
            assertThat(row.reason()).isEqualTo("field 9 is longer than the limit of 4096 characters");
        });
        assertThat(outcome.statementEntries()).isEqualTo(1);
        assertThat(outcome.matchesByRule().get(MatchRule.EXACT)).isEqualTo(1);
    }
}
