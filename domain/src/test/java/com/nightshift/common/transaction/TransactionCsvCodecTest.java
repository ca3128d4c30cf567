package com.nightshift.common.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionCsvCodecTest {

    private static final String HEADER =
            "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description";
    private static final String GOOD_ROW = "E1,ACC-1,2026-11-20,2026-11-21,-125.50,EUR,ACME GmbH,INV-42,Invoice 42";

    private final TransactionCsvCodec codec = new TransactionCsvCodec();

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private ReadResult<Transaction> read(String text) throws IOException, UnreadableFileException {
        return codec.readAll(utf8(text));
    }

    private RejectedRow onlyRejection(String row) throws IOException, UnreadableFileException {
        ReadResult<Transaction> result = read(HEADER + "\n" + row + "\n");
        assertThat(result.accepted()).isEmpty();
        assertThat(result.rejected()).hasSize(1);
        return result.rejected().get(0);
    }

    @Test
    void valid_row_becomes_a_transaction_with_every_field() throws Exception {
        Transaction t = read(HEADER + "\n" + GOOD_ROW + "\n").records().get(0);
        assertThat(t).isEqualTo(Transaction.of("E1", AccountId.of("ACC-1"), LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 21), new BigDecimal("-125.50"), Currency.getInstance("EUR"), "ACME GmbH",
                "INV-42", "Invoice 42"));
    }

    @Test
    void optional_text_columns_may_be_empty() throws Exception {
        Transaction t = read(HEADER + "\nE1,ACC-1,2026-11-20,2026-11-20,1,USD,,,\n").records().get(0);
        assertThat(t.counterparty()).isEmpty();
        assertThat(t.reference()).isEmpty();
        assertThat(t.description()).isEmpty();
    }

    @Test
    void amount_keeps_the_scale_it_was_written_with() throws Exception {
        Transaction t = read(HEADER + "\nE1,ACC-1,2026-11-20,2026-11-20,10.5000,USD,,,\n").records().get(0);
        assertThat(t.amount().toPlainString()).isEqualTo("10.5000");
    }

    @Test
    void description_with_embedded_comma_and_newline_is_accepted() throws Exception {
        Transaction t = read(HEADER + "\r\nE1,ACC-1,2026-11-20,2026-11-20,1,USD,,R,\"two, parts\r\nand a line\"\r\n")
                .records().get(0);
        assertThat(t.description()).isEqualTo("two, parts\r\nand a line");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                          | row                                                             | reason
            "empty entry_id                  | ,ACC-1,2026-11-20,2026-11-20,1,EUR,,,                              | entry_id is empty",
            "account with a space            | E1,ACC 1,2026-11-20,2026-11-20,1,EUR,,,                            | account 'ACC 1' must be 1 to 64 characters from [A-Za-z0-9._-]",
            "account with a slash            | E1,ACC/1,2026-11-20,2026-11-20,1,EUR,,,                            | account 'ACC/1' must be 1 to 64 characters from [A-Za-z0-9._-]",
            "empty account                   | E1,,2026-11-20,2026-11-20,1,EUR,,,                                 | account is empty",
            "booking_date not a date         | E1,ACC-1,20/11/2026,2026-11-20,1,EUR,,,                            | booking_date '20/11/2026' is not an ISO-8601 date (yyyy-mm-dd)",
            "booking_date does not exist     | E1,ACC-1,2026-02-30,2026-11-20,1,EUR,,,                            | booking_date '2026-02-30' is not an ISO-8601 date (yyyy-mm-dd)",
            "value_date with a time          | E1,ACC-1,2026-11-20,2026-11-20T10:00,1,EUR,,,                      | value_date '2026-11-20T10:00' is not an ISO-8601 date (yyyy-mm-dd)",
            "empty value_date                | E1,ACC-1,2026-11-20,,1,EUR,,,                                      | value_date is empty",
            "amount not a number             | E1,ACC-1,2026-11-20,2026-11-20,abc,EUR,,,                          | amount 'abc' is not a decimal",
            "amount with exponent            | E1,ACC-1,2026-11-20,2026-11-20,1e3,EUR,,,                          | amount '1e3' is not a decimal",
            "amount with grouping            | E1,ACC-1,2026-11-20,2026-11-20,'1,000.00',EUR,,,                   | amount '1,000.00' is not a decimal",
            "amount with spaces              | E1,ACC-1,2026-11-20,2026-11-20,' 12.50',EUR,,,                     | amount ' 12.50' is not a decimal",
            "amount with five fraction digits| E1,ACC-1,2026-11-20,2026-11-20,1.00001,EUR,,,                      | amount '1.00001' has 5 fraction digits, at most 4 allowed",
            "empty amount                    | E1,ACC-1,2026-11-20,2026-11-20,,EUR,,,                             | amount is empty",
            "unknown currency                | E1,ACC-1,2026-11-20,2026-11-20,1,XXY,,,                            | currency 'XXY' is not an ISO 4217 code",
            "lower-case currency             | E1,ACC-1,2026-11-20,2026-11-20,1,eur,,,                            | currency 'eur' is not an ISO 4217 code",
            "currency name                   | E1,ACC-1,2026-11-20,2026-11-20,1,EURO,,,                           | currency 'EURO' is not an ISO 4217 code",
            "empty currency                  | E1,ACC-1,2026-11-20,2026-11-20,1,,,,                               | currency is empty",
            "too few fields                  | E1,ACC-1,2026-11-20,2026-11-20,1,EUR,x                             | expected 9 fields, found 7",
            "too many fields                 | E1,ACC-1,2026-11-20,2026-11-20,1,EUR,,,,extra                      | expected 9 fields, found 10",
            "text after closing quote        | E1,ACC-1,2026-11-20,2026-11-20,1,EUR,\"x\"y,,                      | unexpected character 'y' after the closing quote of field 7",
            "quote in unquoted field         | E1,ACC-1,2026-11-20,2026-11-20,1,EUR,x\"y,,                        | quote inside unquoted field 7",
    })
    void rejects_row_with_reason_naming_field_and_problem(String caseName, String row, String reason)
            throws Exception {
        assertThat(onlyRejection(row.replace('\'', '"')).reason()).isEqualTo(reason);
    }

    @Test
    void rejects_amount_with_five_fraction_digits() throws Exception {
        assertThat(onlyRejection("E1,ACC-1,2026-11-20,2026-11-20,0.12345,EUR,,,").reason())
                .isEqualTo("amount '0.12345' has 5 fraction digits, at most 4 allowed");
    }

    @Test
    void accepts_amount_with_four_fraction_digits_and_a_sign() throws Exception {
        assertThat(read(HEADER + "\nE1,ACC-1,2026-11-20,2026-11-20,+0.1234,EUR,,,\n").records().get(0).amount())
                .isEqualByComparingTo("0.1234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "ACC-1", "acc_2.x", "0123456789012345678901234567890123456789012345678901234567890123"})
    void accepts_account_within_the_identifier_rule(String account) throws Exception {
        String row = "E1," + account + ",2026-11-20,2026-11-20,1,EUR,,,";
        assertThat(read(HEADER + "\n" + row + "\n").records().get(0).account().value()).isEqualTo(account);
    }

    @Test
    void rejects_account_longer_than_64_characters() throws Exception {
        String account = "A".repeat(65);
        assertThat(onlyRejection("E1," + account + ",2026-11-20,2026-11-20,1,EUR,,,").reason())
                .startsWith("account '" + account + "' must be");
    }

    @Test
    void blank_row_is_rejected_not_skipped() throws Exception {
        ReadResult<Transaction> result = read(HEADER + "\n" + GOOD_ROW + "\n\n" + GOOD_ROW.replace("E1", "E2") + "\n");
        assertThat(result.rejected()).containsExactly(RejectedRow.of(3, "row is blank", ""));
        assertThat(result.accepted()).hasSize(2);
    }

    @Test
    void rejected_row_carries_its_starting_line_and_raw_text() throws Exception {
        String multiLine = "E1,ACC-1,2026-11-20,2026-11-20,abc,EUR,,,\"two\nlines\"";
        ReadResult<Transaction> result = read(HEADER + "\n" + GOOD_ROW + "\n" + multiLine + "\n" + "E3,bad acc,,,,,,,\n");
        assertThat(result.rejected()).extracting(RejectedRow::lineNumber).containsExactly(3L, 5L);
        assertThat(result.rejected().get(0).rawRowText()).isEqualTo(multiLine);
    }

    @Test
    void rows_read_equals_accepted_plus_rejected() throws Exception {
        String text = HEADER + "\n" + GOOD_ROW + "\n"
                + "E2,ACC-1,2026-11-20,2026-11-20,abc,EUR,,,\n"
                + "\n"
                + "E3,ACC-1,2026-11-20,2026-11-20,5,EUR,,,\n"
                + "E4,too,few\n"
                + "E5,ACC-1,2026-11-20,2026-11-20,5,EUR,\"unterminated\n";
        ReadResult<Transaction> result = read(text);
        assertThat(result.counts().rowsRead()).isEqualTo(6);
        assertThat(result.counts().accepted()).isEqualTo(2);
        assertThat(result.counts().rejected()).isEqualTo(4);
        assertThat(result.counts().rowsRead()).isEqualTo(result.accepted().size() + result.rejected().size());
    }

    @Test
    void rows_go_to_the_sinks_in_input_order() throws Exception {
        var order = new java.util.ArrayList<Long>();
        codec.read(utf8(HEADER + "\n" + GOOD_ROW + "\nbad\n" + GOOD_ROW.replace("E1", "E3") + "\n"),
                a -> order.add(a.lineNumber()), r -> order.add(r.lineNumber()));
        assertThat(order).containsExactly(2L, 3L, 4L);
    }

    @Test
    void header_only_file_reads_zero_rows() throws Exception {
        assertThat(read(HEADER + "\n").counts().rowsRead()).isZero();
    }

    @Test
    void header_after_byte_order_mark_is_accepted() throws Exception {
        assertThat(read("\uFEFF" + HEADER + "\r\n" + GOOD_ROW + "\r\n").records()).hasSize(1);
    }

    @Test
    void wrong_header_makes_the_file_unreadable_and_says_what_was_expected() {
        assertThatThrownBy(() -> read("id,account,date,amount\n" + GOOD_ROW + "\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("expected header '" + HEADER + "'")
                .hasMessageContaining("found 'id,account,date,amount'");
    }

    @Test
    void header_with_reordered_columns_makes_the_file_unreadable() {
        assertThatThrownBy(() -> read(HEADER.replace("booking_date,value_date", "value_date,booking_date") + "\n"))
                .isInstanceOf(UnreadableFileException.class);
    }

    @Test
    void file_starting_with_a_data_row_is_unreadable() {
        assertThatThrownBy(() -> read(GOOD_ROW + "\n")).isInstanceOf(UnreadableFileException.class);
    }

    @Test
    void empty_file_is_unreadable() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("file is empty; expected header '" + HEADER + "'");
    }

    @Test
    void file_that_is_not_utf8_is_unreadable() {
        byte[] latin1 = (HEADER + "\nE1,ACC-1,2026-11-20,2026-11-20,1,EUR,Zürich,,\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> codec.readAll(new ByteArrayInputStream(latin1)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void written_records_read_back_equal() throws Exception {
        List<Transaction> records = read(HEADER + "\n" + GOOD_ROW + "\n"
                + "E2,ACC-2,2026-11-19,2026-11-20,0.0001,JPY,\"Quote \"\"Co\"\"\",,\"a,b\nc\"\n").records();
        byte[] written = codec.toBytes(records);
        assertThat(codec.readAll(new ByteArrayInputStream(written)).records()).isEqualTo(records);
    }

    @Test
    void written_file_starts_with_the_exact_header() {
        String written = new String(codec.toBytes(List.of()), StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(HEADER + "\r\n");
    }
}
