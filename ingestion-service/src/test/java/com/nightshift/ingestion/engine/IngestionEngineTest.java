package com.nightshift.ingestion.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.ReadCounts;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import com.nightshift.common.transaction.TransactionReader;
import com.nightshift.risk.book.OptionType;
import com.nightshift.risk.book.PositionType;
import com.nightshift.risk.book.PositionsCsv;
import com.nightshift.risk.book.RiskPosition;
import com.nightshift.risk.market.PriceHistoryCsv;
import com.nightshift.risk.market.PriceRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class IngestionEngineTest {

    private static final String TX_HEADER =
            "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n";
    private static final String POSITIONS_HEADER =
            "position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type\n";
    private static final String PRICES_HEADER = "date,factor,close\n";
    private static final String PRICES_WITH_CURRENCY_HEADER = "date,factor,close,currency\n";
    private static final String POSITIONS_KEY = "inbound/positions/positions-2026-11-20.csv";

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
    void positions_are_staged_under_the_business_date_of_the_file_name_and_announce_it() throws Exception {
        IngestionOutcome outcome = ingest(POSITIONS_KEY, POSITIONS_HEADER
                + "P1,PF-1,EQUITY,10,AAPL,,,\n"
                + "P2,PF-2,OPTION,-5,MSFT,400,0.5,PUT\n");
        assertThat(outcome.inputType()).isEqualTo(InputType.POSITIONS);
        assertThat(outcome.stagedKeys()).containsExactly("staged/positions/2026-11-20/positions~positions-2026-11-20.csv");
        assertThat(outcome.stagedObjects().get(0).rowCount()).isEqualTo(2);
        assertThat(outcome.riskBusinessDates()).containsExactly(LocalDate.of(2026, 11, 20));
        assertThat(outcome.reconciliationPairs()).isEmpty();
    }

    @Test
    void staged_positions_reread_equal_with_the_risk_codec_in_input_order() throws Exception {
        IngestionOutcome outcome = ingest(POSITIONS_KEY, POSITIONS_HEADER
                + "P9,PF-1,fx,1000000,EURUSD,,,\n"
                + "P2,PF-1,OPTION,-5,MSFT,400.50,0.25,call\n"
                + "P3,PF-2,BOND,2,UST5Y,1000000,5,\n"
                + "P4,PF-2,EQUITY,-300,JPM,,,\n");
        assertThat(new PositionsCsv().readAll(outcome.stagedObjects().get(0).openStream()).records()).containsExactly(
                RiskPosition.linear("P9", "PF-1", PositionType.FX, 1_000_000, "EURUSD"),
                RiskPosition.option("P2", "PF-1", -5, "MSFT", 400.5, 0.25, OptionType.CALL),
                RiskPosition.bond("P3", "PF-2", 2, "UST5Y", 1_000_000, 5),
                RiskPosition.linear("P4", "PF-2", PositionType.EQUITY, -300, "JPM"));
        assertThat(text(outcome.stagedObjects().get(0))).startsWith(POSITIONS_HEADER.trim() + "\r\n"
                + "P9,PF-1,FX,1000000.0,EURUSD,,,\r\n");
    }

    @Test
    void bad_positions_rows_are_rejected_with_line_and_reason_and_the_rest_is_staged() throws Exception {
        IngestionOutcome outcome = ingest(POSITIONS_KEY, POSITIONS_HEADER
                + "P1,PF-1,EQUITY,10,AAPL,,,\n"
                + "P2,PF-1,SWAP,10,AAPL,,,\n"
                + "P3,PF-1,EQUITY,10,AAPL,100,,\n"
                + "P4,PF-1,OPTION,1,AAPL,100,0.5,\n"
                + "P1,PF-1,EQUITY,20,MSFT,,,\n"
                + "P5,PF-1,BOND,1,UST5Y,1000,5,\n");
        assertThat(outcome.rejectedRows()).extracting(RejectedRow::lineNumber, RejectedRow::reason).containsExactly(
                Tuple.tuple(3L, "type 'SWAP' is not one of EQUITY, OPTION, FX, BOND"),
                Tuple.tuple(4L, "strike '100' must be empty for an EQUITY position"),
                Tuple.tuple(5L, "option_type is empty; an OPTION needs CALL or PUT"),
                Tuple.tuple(6L, "duplicate position_id P1, first seen on line 2"));
        assertThat(outcome.counts()).isEqualTo(new ReadCounts(6, 2, 4));
        assertThat(outcome.stagedObjects().get(0).rowCount()).isEqualTo(2);
        assertThat(text(outcome.rejects())).contains("3,\"type 'SWAP' is not one of EQUITY, OPTION, FX, BOND\","
                + "\"P2,PF-1,SWAP,10,AAPL,,,\"\r\n");
    }

    @Test
    void position_whose_portfolio_cannot_name_a_key_is_rejected() throws Exception {
        IngestionOutcome outcome = ingest(POSITIONS_KEY, POSITIONS_HEADER
                + "P1,PF/1,EQUITY,10,AAPL,,,\n"
                + "P2,PF-1,EQUITY,x,AAPL,,,\n"
                + "P3,PF 1,EQUITY,10,AAPL,,,\n"
                + "P4,PF-1,EQUITY,10,AAPL,,,\n");
        assertThat(outcome.rejectedRows()).extracting(RejectedRow::lineNumber, RejectedRow::reason).containsExactly(
                Tuple.tuple(2L, "portfolio 'PF/1' must be 1 to 64 characters from [A-Za-z0-9._-]"),
                Tuple.tuple(3L, "quantity 'x' is not a decimal"),
                Tuple.tuple(4L, "portfolio 'PF 1' must be 1 to 64 characters from [A-Za-z0-9._-]"));
        assertThat(outcome.counts()).isEqualTo(new ReadCounts(4, 1, 3));
        assertThat(outcome.stagedObjects().get(0).rowCount()).isEqualTo(1);
    }

    @Test
    void positions_date_is_the_last_date_in_the_file_name_not_in_its_folders() throws Exception {
        IngestionOutcome outcome = ingest("inbound/positions/2026-01-01/eod-2026-11-19-v2-2026-11-20.csv",
                POSITIONS_HEADER + "P1,PF-1,EQUITY,10,AAPL,,,\n");
        assertThat(outcome.stagedKeys()).containsExactly(
                "staged/positions/2026-11-20/positions~2026-01-01~eod-2026-11-19-v2-2026-11-20.csv");
        assertThat(outcome.riskBusinessDates()).containsExactly(LocalDate.of(2026, 11, 20));
    }

    @Test
    void positions_file_name_without_a_date_is_unreadable() {
        assertThatThrownBy(() -> ingest("inbound/positions/2026-11-20/eod.csv", POSITIONS_HEADER
                + "P1,PF-1,EQUITY,10,AAPL,,,\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("positions file name must carry its business date as YYYY-MM-DD, "
                        + "e.g. positions-2026-11-27.csv")
                .hasMessageContaining("'eod.csv'");
    }

    @Test
    void positions_file_with_the_old_header_is_unreadable() {
        assertThatThrownBy(() -> ingest(POSITIONS_KEY, "as_of_date,portfolio_id,instrument_id,quantity,currency\n"
                + "2026-11-20,PF-1,AAPL,10,USD\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("expected header 'position_id,portfolio,type,quantity,underlying,strike,"
                        + "expiry_years,option_type'");
    }

    @Test
    void positions_file_with_no_accepted_rows_stages_nothing_and_announces_nothing() throws Exception {
        IngestionOutcome outcome = ingest(POSITIONS_KEY, POSITIONS_HEADER + "P1,PF-1,EQUITY,ten,AAPL,,,\n");
        assertThat(outcome.stagedObjects()).isEmpty();
        assertThat(outcome.riskBusinessDates()).isEmpty();
        assertThat(outcome.counts()).isEqualTo(new ReadCounts(1, 0, 1));
    }

    @Test
    void prices_are_staged_as_one_group_under_the_latest_price_date() throws Exception {
        IngestionOutcome outcome = ingest("inbound/market-data/history.csv", PRICES_HEADER
                + "2026-11-18,AAPL,10\n"
                + "2026-11-20,AAPL,11\n"
                + "2026-11-19,EURUSD,1.08\n"
                + "2026-12-01,UST5Y,-1\n");
        assertThat(outcome.stagedKeys()).containsExactly("staged/market-data/2026-11-20/market-data~history.csv");
        assertThat(outcome.stagedObjects().get(0).rowCount()).isEqualTo(3);
        assertThat(outcome.riskBusinessDates()).containsExactly(LocalDate.of(2026, 11, 20));
        assertThat(outcome.rejectedRows()).containsExactly(
                RejectedRow.of(5, "close '-1' is not greater than 0", "2026-12-01,UST5Y,-1"));
        assertThat(PriceHistoryCsv.withoutCurrency().readAll(outcome.stagedObjects().get(0).openStream()).records())
                .containsExactly(PriceRow.of(LocalDate.of(2026, 11, 18), "AAPL", 10),
                        PriceRow.of(LocalDate.of(2026, 11, 20), "AAPL", 11),
                        PriceRow.of(LocalDate.of(2026, 11, 19), "EURUSD", 1.08));
    }

    @Test
    void prices_with_a_currency_column_are_staged_with_it() throws Exception {
        IngestionOutcome outcome = ingest("inbound/market-data/usd.csv", PRICES_WITH_CURRENCY_HEADER
                + "2026-11-19,AAPL,10.5,USD\n"
                + "2026-11-20,AAPL,11,USD\n");
        assertThat(text(outcome.stagedObjects().get(0))).isEqualTo("date,factor,close,currency\r\n"
                + "2026-11-19,AAPL,10.5,USD\r\n2026-11-20,AAPL,11.0,USD\r\n");
        assertThat(PriceHistoryCsv.withCurrency().readAll(outcome.stagedObjects().get(0).openStream()).records())
                .extracting(PriceRow::currency).containsOnly(Optional.of("USD"));
    }

    @Test
    void prices_in_another_currency_than_the_first_rows_are_rejected_in_line_order() throws Exception {
        IngestionOutcome outcome = ingest("inbound/market-data/mixed.csv", PRICES_WITH_CURRENCY_HEADER
                + "2026-11-19,AAPL,0,EUR\n"
                + "2026-11-19,MSFT,400,USD\n"
                + "2026-11-20,AAPL,11,EUR\n"
                + "2026-11-19,AAPL,12,USD\n"
                + "2026-11-21,MSFT,401,USD\n"
                + "2026-11-22,MSFT,x,USD\n");
        assertThat(outcome.rejectedRows()).extracting(RejectedRow::lineNumber).containsExactly(2L, 4L, 7L);
        assertThat(outcome.rejectedRows().get(1).reason()).isEqualTo("mixed currencies: line 4 has EUR, line 3 had USD");
        assertThat(outcome.counts()).isEqualTo(new ReadCounts(6, 3, 3));
        assertThat(outcome.stagedKeys()).containsExactly("staged/market-data/2026-11-21/market-data~mixed.csv");
        assertThat(outcome.stagedObjects().get(0).rowCount()).isEqualTo(3);
    }

    @Test
    void prices_file_with_another_header_is_unreadable() {
        assertThatThrownBy(() -> ingest("inbound/market-data/old.csv", "instrument_id,price_date,close,currency\n"
                + "AAPL,2026-11-20,10,USD\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("expected header 'date,factor,close' or 'date,factor,close,currency' on line 1, "
                        + "found 'instrument_id,price_date,close,currency'");
    }

    @Test
    void empty_prices_file_is_unreadable() {
        assertThatThrownBy(() -> ingest("inbound/market-data/empty.csv", ""))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("file is empty");
    }

    @Test
    void prices_file_that_is_not_utf8_is_unreadable() {
        byte[] latin1 = "date,factor,close\n2026-11-20,CAF\u00c9,1\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> engine.ingest("inbound/market-data/latin1.csv", new ByteArrayInputStream(latin1)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void same_key_and_bytes_give_an_equal_outcome_for_positions_and_prices() throws Exception {
        String positions = POSITIONS_HEADER + "P1,PF-1,EQUITY,10,AAPL,,,\nP2,PF-1,FX,1e3,EURUSD,,,\n";
        assertThat(ingest(POSITIONS_KEY, positions)).isEqualTo(ingest(POSITIONS_KEY, positions));
        String prices = PRICES_WITH_CURRENCY_HEADER + "2026-11-20,AAPL,11,USD\n2026-11-20,EURUSD,1.08,EUR\n";
        assertThat(ingest("inbound/market-data/p.csv", prices)).isEqualTo(ingest("inbound/market-data/p.csv", prices));
    }

    @Test
    void file_with_no_accepted_rows_stages_nothing_and_announces_nothing() throws Exception {
        IngestionOutcome outcome = ingest("inbound/market-data/bad.csv", PRICES_HEADER + "2026-11-20,AAPL,0\n");
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
