package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;

class SampleDataSetTest {

    @Test
    void the_same_seed_gives_the_same_bytes() {
        SampleDataSet first = SampleDataSet.generate(7);
        SampleDataSet second = SampleDataSet.generate(7);
        assertThat(first.files().keySet()).containsExactlyElementsOf(second.files().keySet());
        first.files().forEach((key, content) -> assertThat(second.files().get(key)).as(key).isEqualTo(content));
    }

    @Test
    void every_ledger_and_statement_row_is_valid_except_the_expected_rejects() throws Exception {
        SampleDataSet sample = SampleDataSet.generate(20261120L);
        List<Long> rejectedLines = new ArrayList<>();
        for (var file : sample.files().entrySet()) {
            if (file.getKey().startsWith("inbound/ledger/") || file.getKey().startsWith("inbound/statements/")) {
                ReadResult<Transaction> read = new TransactionCsvCodec().readAll(new ByteArrayInputStream(file.getValue()));
                read.rejected().forEach(r -> rejectedLines.add(r.lineNumber()));
            }
        }
        assertThat(rejectedLines).containsExactlyElementsOf(
                sample.expectedRejects().stream().map(r -> (long) r.line()).toList());
    }

    @Test
    void truth_counts_add_up_on_both_sides() {
        for (SampleDataSet.AccountTruth truth : SampleDataSet.generate(1).accounts()) {
            assertThat(truth.matched() + truth.unmatchedLedger()).as(truth.account()).isEqualTo(truth.ledgerRows());
            assertThat(truth.matched() + truth.unmatchedStatement()).as(truth.account()).isEqualTo(truth.statementRows());
        }
    }

    @Test
    void expected_reports_are_one_per_account_and_one_per_portfolio() {
        SampleDataSet sample = SampleDataSet.generate(1);
        assertThat(sample.expectedReportIds()).containsExactly("recon-2026-11-20-ACC-1001", "recon-2026-11-20-ACC-1002",
                "recon-2026-11-20-ACC-1003", "risk-2026-11-20-PF-GROWTH", "risk-2026-11-20-PF-INCOME");
    }
}
