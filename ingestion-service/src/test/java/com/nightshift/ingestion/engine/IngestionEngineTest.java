package com.nightshift.ingestion.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.ReadCounts;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.market.PositionCsvCodec;
import com.nightshift.common.market.PriceCsvCodec;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import com.nightshift.common.transaction.TransactionReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestionEngineTest {

    private static final String TX_HEADER =
            "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n";
    private static final String POSITIONS_HEADER = "as_of_date,portfolio_id,instrument_id,quantity,currency\n";
    private static final String PRICES_HEADER = "instrument_id,price_date,close,currency\n";

    private final IngestionEngine engine = new IngestionEngine();

    private IngestionOutcome ingest(String key, String content) throws Exception {
        return engine.ingest(key, utf8(content));
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(StagedObject object) {
        return new String(object.content(), StandardCharsets.UTF_8);
    }

    /** A statement with a BOM, CRLF line ends, a multi-line row and every kind of bad row. */
    private static final String MIXED_STATEMENT = "\uFEFF" + TX_HEADER.replace("\n", "\r\n")
            + "S1,ACC-1,2026-11-20,2026-11-20,100.00,EUR,Bank,REF-1,ok\r\n"
            + "S2,ACC-1,2026-11-20,2026-11-20,1.23456,EUR,Bank,REF-2,too precise\r\n"
            + "S3,ACC 1,2026-11-20,2026-11-20,5,EUR,Bank,REF-3,bad account\r\n"
            + "S4,ACC-1,2026-11-20,2026-11-20,-7.5,USD,\"Bank, Inc.\",REF-4,\"multi\r\nline\"\r\n"
            + "S5,ACC-1,2026-11-20,2026-11-20,1,EUR,Bank\r\n"
            + "S1,ACC-1,2026-11-20,2026-11-20,100.00,EUR,Bank,REF-1,duplicate\r\n"
            + "S6,ACC-2,2026-11-21,2026-11-21,3,GBP,,,\r\n";

    @Test
    void ledger_rows_are_staged_per_account_and_booking_date() throws Exception {
        IngestionOutcome outcome = ingest("inbound/ledger/gl.csv", TX_HEADER
                + "E1,ACC-2,2026-11-20,2026-11-20,1,EUR,,,\n"
                + "E2,ACC-1,2026-11-20,2026-11-20,2,EUR,,,\n"
                + "E3,ACC-1,2026-11-19,2026-11-20,3,EUR,,,\n"
                + "E4,ACC-1,2026-11-20,2026-11-20,4,EUR,,,\n");
        assertThat(outcome.stagedKeys()).containsExactly(
                "staged/ledger/ACC-1/2026-11-19/ledger~gl.csv",
                "staged/ledger/ACC-1/2026-11-20/ledger~gl.csv",
                "staged/ledger/ACC-2/2026-11-20/ledger~gl.csv");
        assertThat(outcome.stagedObjects()).extracting(StagedObject::rowCount).containsExactly(1, 2, 1);
    }

    @Test
    void statement_rows_are_staged_under_staged_statement() throws Exception {
        IngestionOutcome outcome = ingest("inbound/statements/bank-a/eod.csv", TX_HEADER
                + "S1,ACC-1,2026-11-20,2026-11-20,1,EUR,,,\n");
        assertThat(outcome.inputType()).isEqualTo(InputType.STATEMENT);
        assertThat(outcome.stagedKeys()).containsExactly("staged/statement/ACC-1/2026-11-20/statements~bank-a~eod.csv");
    }

    @Test
    void ledger_and_statement_files_announce_one_reconciliation_per_account_and_date() throws Exception {
        IngestionOutcome outcome = ingest("inbound/statements/s.csv", TX_HEADER
                + "S1,ACC-2,2026-11-20,2026-11-20,1,EUR,,,\n"
                + "S2,ACC-1,2026-11-20,2026-11-20,1,EUR,,,\n"
                + "S3,ACC-1,2026-11-20,2026-11-20,1,EUR,,,\n");
        assertThat(outcome.reconciliationPairs()).containsExactly(
                ReconciliationPair.of(AccountId.of("ACC-1"), LocalDate.of(2026, 11, 20)),
                ReconciliationPair.of(AccountId.of("ACC-2"), LocalDate.of(2026, 11, 20)));
        assertThat(outcome.riskBusinessDates()).isEmpty();
    }

    @Test
    void staged_transactions_reread_with_the_public_codec_in_input_order() throws Exception {
        IngestionOutcome outcome = ingest("inbound/ledger/gl.csv", TX_HEADER
                + "E9,ACC-1,2026-11-20,2026-11-20,-10.50,EUR,\"Smith, J\",R1,\"multi\nline\"\n"
                + "E2,ACC-1,2026-11-20,2026-11-20,3.0001,USD,,,\n");
        List<Transaction> staged = new TransactionCsvCodec()
                .readAll(outcome.stagedObjects().get(0).openStream()).records();
        assertThat(staged).extracting(Transaction::entryId).containsExactly("E9", "E2");
        assertThat(staged.get(0).counterparty()).isEqualTo("Smith, J");
        assertThat(staged.get(0).amount().toPlainString()).isEqualTo("-10.50");
    }

    @Test
    void duplicate_entry_id_in_one_file_rejects_the_second_occurrence() throws Exception {
        IngestionOutcome outcome = ingest("inbound/ledger/gl.csv", TX_HEADER
                + "E1,ACC-1,2026-11-20,2026-11-20,1,EUR,,,\n"
                + "E2,ACC-1,2026-11-20,2026-11-20,2,EUR,,,\n"
                + "E1,ACC-1,2026-11-20,2026-11-20,3,EUR,,,\n");
        assertThat(outcome.rejectedRows()).containsExactly(RejectedRow.of(4,
                "duplicate entry_id 'E1', first seen on line 2", "E1,ACC-1,2026-11-20,2026-11-20,3,EUR,,,"));
        assertThat(outcome.counts().accepted()).isEqualTo(2);
    }

    @Test
    void entry_id_of_a_rejected_row_does_not_count_as_seen() throws Exception {
        IngestionOutcome outcome = ingest("inbound/ledger/gl.csv", TX_HEADER
                + "E1,ACC-1,2026-11-20,2026-11-20,abc,EUR,,,\n"
                + "E1,ACC-1,2026-11-20,2026-11-20,1,EUR,,,\n");
        assertThat(outcome.counts().accepted()).isEqualTo(1);
        assertThat(outcome.rejectedRows()).extracting(RejectedRow::reason)
                .containsExactly("amount 'abc' is not a decimal");
    }

    @Test
    void rejects_are_listed_in_line_order_whichever_rule_rejected_them() throws Exception {
        IngestionOutcome outcome = ingest("inbound/ledger/gl.csv", TX_HEADER
                + "E1,ACC-1,2026-11-20,2026-11-20,1,EUR,,,\n"
                + "E1,ACC-1,2026-11-20,2026-11-20,1,EUR,,,\n"
                + "E3,ACC-1,2026-11-20,2026-11-20,1,XXY,,,\n");
        assertThat(outcome.rejectedRows()).extracting(RejectedRow::lineNumber).containsExactly(3L, 4L);
    }

    @Test
    void rows_read_equals_accepted_plus_rejected() throws Exception {
        IngestionOutcome outcome = ingest("inbound/statements/mixed.csv", MIXED_STATEMENT);
        assertThat(outcome.counts().rowsRead()).isEqualTo(7);
        assertThat(outcome.counts().accepted()).isEqualTo(3);
        assertThat(outcome.counts().rejected()).isEqualTo(4);
        assertThat(outcome.stagedObjects().stream().mapToInt(StagedObject::rowCount).sum())
                .isEqualTo((int) outcome.counts().accepted());
        assertThat(outcome.rejectedRows()).hasSize((int) outcome.counts().rejected());
    }

    @Test
    void rejected_rows_keep_the_line_on_which_they_start() throws Exception {
        assertThat(ingest("inbound/statements/mixed.csv", MIXED_STATEMENT).rejectedRows())
                .extracting(RejectedRow::lineNumber).containsExactly(3L, 4L, 7L, 8L);
    }

    @Test
    void rejects_file_lists_line_reason_and_raw_row() throws Exception {
        IngestionOutcome outcome = ingest("inbound/ledger/gl.csv", TX_HEADER
                + "E1,ACC-1,2026-11-20,2026-11-20,abc,EUR,,,\"two\nlines\"\n");
        assertThat(outcome.rejects().key()).isEqualTo("rejects/ledger~gl.csv");
        assertThat(text(outcome.rejects())).isEqualTo("line,reason,row\r\n"
                + "2,amount 'abc' is not a decimal,\"E1,ACC-1,2026-11-20,2026-11-20,abc,EUR,,,\"\"two\nlines\"\"\"\r\n");
    }

    @Test
    void rejects_file_is_written_even_when_nothing_was_rejected() throws Exception {
        IngestionOutcome outcome = ingest("inbound/ledger/gl.csv", TX_HEADER + "E1,ACC-1,2026-11-20,2026-11-20,1,EUR,,,\n");
        assertThat(text(outcome.rejects())).isEqualTo("line,reason,row\r\n");
        assertThat(outcome.rejects().rowCount()).isZero();
    }

    @Test
    void positions_are_staged_per_as_of_date_and_announce_risk_dates() throws Exception {
        IngestionOutcome outcome = ingest("inbound/positions/eod.csv", POSITIONS_HEADER
                + "2026-11-20,PF-1,I1,10,USD\n"
                + "2026-11-19,PF-1,I1,9,USD\n"
                + "2026-11-20,PF-2,I2,-5,EUR\n");
        assertThat(outcome.stagedKeys()).containsExactly(
                "staged/positions/2026-11-19/positions~eod.csv",
                "staged/positions/2026-11-20/positions~eod.csv");
        assertThat(outcome.riskBusinessDates()).containsExactly(LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 20));
        assertThat(outcome.reconciliationPairs()).isEmpty();
        assertThat(new PositionCsvCodec().readAll(outcome.stagedObjects().get(1).openStream()).records()).hasSize(2);
    }

    @Test
    void prices_are_staged_as_one_group_under_the_latest_price_date() throws Exception {
        IngestionOutcome outcome = ingest("inbound/market-data/history.csv", PRICES_HEADER
                + "I1,2026-11-18,10,USD\n"
                + "I1,2026-11-20,11,USD\n"
                + "I2,2026-11-19,5,EUR\n"
                + "I3,2026-12-01,-1,EUR\n");
        assertThat(outcome.stagedKeys()).containsExactly("staged/market-data/2026-11-20/market-data~history.csv");
        assertThat(outcome.stagedObjects().get(0).rowCount()).isEqualTo(3);
        assertThat(outcome.riskBusinessDates()).containsExactly(LocalDate.of(2026, 11, 20));
        assertThat(new PriceCsvCodec().readAll(outcome.stagedObjects().get(0).openStream()).records()).hasSize(3);
    }

    @Test
    void file_with_no_accepted_rows_stages_nothing_and_announces_nothing() throws Exception {
        IngestionOutcome outcome = ingest("inbound/market-data/bad.csv", PRICES_HEADER + "I1,2026-11-20,0,USD\n");
        assertThat(outcome.stagedObjects()).isEmpty();
        assertThat(outcome.riskBusinessDates()).isEmpty();
        assertThat(outcome.counts().rejected()).isEqualTo(1);
    }

    @Test
    void same_key_and_bytes_give_an_equal_outcome() throws Exception {
        String content = TX_HEADER + "E2,ACC-1,2026-11-20,2026-11-20,1,EUR,,,\nE1,ACC-9,2026-11-21,2026-11-21,2,EUR,,,\nbad\n";
        assertThat(ingest("inbound/ledger/gl.csv", content)).isEqualTo(ingest("inbound/ledger/gl.csv", content));
    }

    @Test
    void summary_key_follows_the_source_id() throws Exception {
        assertThat(ingest("inbound/ledger/a/gl.csv", TX_HEADER).summaryKey()).isEqualTo("ingested/ledger~a~gl.json");
    }

    @Test
    void unknown_prefix_is_an_unknown_input_type() {
        assertThatThrownBy(() -> ingest("inbound/fx/rates.csv", TX_HEADER))
                .isInstanceOf(UnknownInputTypeException.class);
    }

    @Test
    void ledger_file_with_positions_header_is_unreadable() {
        assertThatThrownBy(() -> ingest("inbound/ledger/gl.csv", POSITIONS_HEADER))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("expected header 'entry_id,account");
    }

    @Test
    void engine_does_not_close_the_callers_stream() throws Exception {
        var closed = new boolean[1];
        InputStream stream = new ByteArrayInputStream(TX_HEADER.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        engine.ingest("inbound/ledger/gl.csv", stream);
        assertThat(closed[0]).isFalse();
    }

    @Test
    void statements_can_be_read_by_another_transaction_reader_and_are_staged_as_csv() throws Exception {
        // Stands in for a camt.053 or MT940 reader: one fixed entry per file, whatever the bytes.
        TransactionReader oneEntry = (in, accepted, rejected) -> {
            in.readAllBytes();
            accepted.accept(new AcceptedRow<>(1, Transaction.of("S1", AccountId.of("ACC-1"), LocalDate.of(2026, 11, 20),
                    LocalDate.of(2026, 11, 20), BigDecimal.TEN, Currency.getInstance("EUR"), "", "R", ""), "<Ntry/>"));
            return ReadCounts.of(1, 0);
        };
        IngestionOutcome outcome = new IngestionEngine(new TransactionCsvCodec(), oneEntry)
                .ingest("inbound/statements/bank.xml", utf8("<Document/>"));
        assertThat(outcome.stagedKeys()).containsExactly("staged/statement/ACC-1/2026-11-20/statements~bank.csv");
        assertThat(new TransactionCsvCodec().readAll(outcome.stagedObjects().get(0).openStream()).records())
                .extracting(Transaction::entryId).containsExactly("S1");
    }
}
