package com.nightshift.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class Mt940ReaderTest {

    private final Mt940Reader reader = new Mt940Reader();

    /** One statement for account 12345678/0123456789 in EUR around {@code entries}; lines 1-4 are its header. */
    private static String statement(String entries) {
        return ":20:STMT1\n"
                + ":25:12345678/0123456789\n"
                + ":28C:1/1\n"
                + ":60F:C261119EUR100,00\n"
                + entries
                + ":62F:C261120EUR100,00\n"
                + "-\n";
    }

    private ReadResult<Transaction> read(String text) throws Exception {
        return Fixtures.read(reader, text);
    }

    private static Transaction tx(String id, String account, String booking, String value, String amount,
                                  String currency, String counterparty, String reference, String description) {
        return Transaction.of(id, AccountId.of(account), LocalDate.parse(booking), LocalDate.parse(value),
                new BigDecimal(amount), Currency.getInstance(currency), counterparty, reference, description);
    }

    // --- real files, checked entry by entry against the text ---

    @Test
    void citibank_file_without_envelope_with_blank_entry_dates_funds_codes_and_zero_amounts() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader, Fixtures.mt940("wolph_mt940__citi-mt940.txt"));

        String text = "/PT/FT/PY/SOMETHING FOO BAR 112233 123456789";
        assertThat(read.rejected()).isEmpty();
        assertThat(read.records()).containsExactly(
                tx("asdfsdfdsf-1", "123456789", "2024-03-12", "2024-03-12", "-212.39", "USD", "", "", text),
                tx("asdfsdfdsf-2", "123456789", "2024-03-12", "2024-03-12", "-369.28", "USD", "", "", text),
                tx("asdfsdfdsf-3", "123456789", "2024-03-12", "2024-03-12", "0.00", "USD", "", "", ""),
                tx("asdfsdfdsf-4", "123456789", "2024-03-12", "2024-03-12", "0.00", "USD", "", "", ""),
                tx("asdfsdfdsf-5", "123456789", "2024-03-12", "2024-03-12", "-561.08", "USD", "", "", text));
        assertThat(read.accepted()).extracting(AcceptedRow::lineNumber).containsExactly(5L, 9L, 13L, 15L, 17L);
        assertThat(read.accepted().get(0).rawRowText()).isEqualTo(":61:240312    DD212,39NMSCNONREF//\n"
                + "/ABC/DEF/MISCELLANEOUS\n:86:/PT/FT/PY/SOMETHING FOO BAR          112233\n   123456789");
    }

    @Test
    void asn_bank_file_with_a_fin_envelope_around_each_of_its_31_statements() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader, Fixtures.mt940("wolph_mt940__ASNB-mt940.txt"));

        assertThat(read.rejected()).isEmpty();
        assertThat(read.records()).hasSize(8).startsWith(
                tx("0000000000-1", "NL81ASNB9999999999", "2020-01-01", "2020-01-01", "-65.00", "EUR", "",
                        "NL47INGB9999999999", "NL47INGB9999999999 hr gjlm paulissen Betaling sieraden"),
                tx("0000000000-2", "NL81ASNB9999999999", "2020-01-05", "2020-01-05", "1000.00", "EUR", "",
                        "NL56ASNB9999999999", "NL56ASNB9999999999 paulissen g j l m INTERNE OVERBOEKING VIA MOBIEL"));
        assertThat(read.records().get(7)).isEqualTo(tx("0000000000-8", "NL81ASNB9999999999", "2020-01-31",
                "2020-01-31", "-903.76", "EUR", "", "NL08ABNA9999999999", "NL08ABNA9999999999 international card "
                        + "services 000000000000000000000000000000000 0000000000000000 Betaling aan I CS 99999999999 "
                        + "ICS Referentie: 2020-01-31 21:27 000000000000000"));
    }

    @Test
    void abn_amro_file_with_header_lines_intermediate_balances_and_amounts_without_decimals() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader, Fixtures.mt940("wolph_mt940__jejik-abnamro.sta"));

        assertThat(read.rejected()).isEmpty();
        assertThat(read.records()).hasSize(10);
        assertThat(read.records().get(0)).isEqualTo(tx("ABN AMRO BANK NV-1", "517852257", "2011-05-24", "2011-05-24",
                "-9", "EUR", "", "", "GIRO 428428 KPN - DIGITENNE BETALINGSKENM. 000000042188659 5314606715 BETREFT "
                        + "FACTUUR D.D. 20-05-2011 INCL. 1,44 BTW"));
        // Entry date 0523 after value date 110521: booked on the 23rd.
        assertThat(read.records().get(1)).isEqualTo(tx("ABN AMRO BANK NV-2", "517852257", "2011-05-23",
                "2011-05-21", "-11.59", "EUR", "", "", "BEA NR:XXX1234 21.05.11/12.54 DIRCKIII FIL2500 KATWIJK,PAS999"));
        // The second statement (:28C:, :60M:) after the header lines; ids go on counting through the file.
        assertThat(read.records().get(9)).isEqualTo(tx("ABN AMRO BANK NV-10", "517852257", "2011-05-24",
                "2011-05-24", "-15", "EUR", "", "", "52.89.39.882 MYCOM DEN HAAG"));
    }

    @Test
    void deutsche_bank_file_with_german_subfields_gives_names_and_end_to_end_references() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader, Fixtures.mt940("zilverline_mt940__deutsche_bank.txt"));

        assertThat(read.records()).containsExactly(
                tx("8848037917407749", "233025-40069462", "2014-03-26", "2014-03-25", "3.99", "EUR", "PETRA TESTER",
                        "8848037917407749", "EREF+NOTPROVIDED SVWZ+DE38XXZ76536723768 335"),
                tx("96550046549608644", "233025-40069462", "2014-03-28", "2014-03-28", "0.01", "EUR", "PETER TESTER",
                        "15976", "EREF+D979899680037A3DFA78E4?2A5315095381 KREF+43478 SVWZ+7458.6345.6353 SEPA-DI "
                                + "RECT-DEBIT-DT.-BANK-1 HALLO WELT.IHRE REFERENZ: 766413"));
    }

    @Test
    void old_rabobank_file_splits_the_padded_reference_from_the_counterparty_name() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader, Fixtures.mt940("wolph_mt940__jejik-rabobank.sta"));

        assertThat(read.records()).first().isEqualTo(tx("940A110615-1", "1291.99.348EUR", "2011-05-27", "2011-05-27",
                "-1213.28", "EUR", "W.P. Jansen", "0121470966",
                "Terugboeking NIET AKKOORD MET AFSCHRIJVING KOSTEN KINDEROPVANG JUNI 20095731"));
    }

    @Test
    void entry_date_in_the_year_before_the_value_date_and_30_february_as_month_end() throws Exception {
        Transaction moneyou = Fixtures.read(reader, Fixtures.mt940("zilverline_mt940__moneyou.txt")).records().get(0);
        Transaction february = Fixtures.read(reader, Fixtures.mt940("wolph_mt940__self-provided-february_30.sta"))
                .records().get(0);

        assertThat(moneyou.valueDate()).isEqualTo(LocalDate.of(2019, 1, 1));
        assertThat(moneyou.bookingDate()).isEqualTo(LocalDate.of(2018, 12, 31));
        assertThat(february.valueDate()).isEqualTo(LocalDate.of(2016, 2, 29));
        assertThat(february.bookingDate()).isEqualTo(LocalDate.of(2016, 3, 1));
    }

    @Test
    void knab_file_with_two_envelopes_without_block_5() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader, Fixtures.mt940("zilverline_mt940__knab_two_blocks.txt"));

        assertThat(read.records()).extracting(Transaction::entryId, t -> t.amount().toPlainString())
                .containsExactly(tuple("ABCDE777777777", "50"), tuple("GG3295734985733", "1000"),
                        tuple("RU9834758937598", "10"));
    }

    // --- edge cases, inline ---

    @Test
    void reversal_marks_RC_and_RD_are_a_debit_and_a_credit() throws Exception {
        ReadResult<Transaction> read = read(statement(
                ":61:2611201120RC12,50NTRFNONREF//B1\n"
                + ":61:2611201120RDR7,NTRFNONREF//B2\n"
                + ":61:261120CR1,5NTRFNONREF//B3\n"));

        assertThat(read.records()).extracting(t -> t.amount().toPlainString()).containsExactly("-12.50", "7", "1.5");
    }

    @Test
    void without_an_entry_date_the_value_date_is_the_booking_date() throws Exception {
        ReadResult<Transaction> read = read(statement(":61:261118D5,00NMSCNONREF\n"));

        assertThat(read.records()).singleElement().satisfies(t -> {
            assertThat(t.valueDate()).isEqualTo(LocalDate.of(2026, 11, 18));
            assertThat(t.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 18));
            assertThat(t.entryId()).isEqualTo("STMT1-1");
        });
    }

    @Test
    void a_malformed_amount_is_rejected_with_its_line_and_the_read_goes_on() throws Exception {
        ReadResult<Transaction> read = read(statement(
                ":61:2611201120C12.345,67NTRFNONREF//B1\n"
                + ":86:first entry\n"
                + ":61:2611201120D3,NTRFNONREF//B2\n"));

        assertThat(read.rejected()).singleElement().satisfies(row -> {
            assertThat(row.lineNumber()).isEqualTo(5);
            assertThat(row.reason()).isEqualTo(":61: amount '12.345,67' is not a decimal amount (digits, one decimal comma)");
            assertThat(row.rawRowText()).isEqualTo(":61:2611201120C12.345,67NTRFNONREF//B1\n:86:first entry");
        });
        assertThat(read.accepted()).extracting(AcceptedRow::lineNumber).containsExactly(7L);
    }

    @Test
    void each_broken_part_of_a_61_line_is_named_in_its_reason() throws Exception {
        ReadResult<Transaction> read = read(statement(
                ":61:26112\n"
                + ":61:261320C1,00NTRF\n"
                + ":61:261120EC1,00NTRF\n"
                + ":61:261120CNTRF\n"
                + ":61:261120C1,23456NTRF\n"
                + ":61:2611201340C1,00NTRF\n"));

        assertThat(read.rejected()).extracting(RejectedRow::reason).containsExactly(
                ":61: value date '26112' is not YYMMDD",
                ":61: value date '261320' is not a date",
                ":61: debit/credit mark 'EC' is not C, D, RC or RD",
                ":61: amount is missing after the debit/credit mark",
                ":61: amount '1,23456' has 5 fraction digits, at most 4 allowed",
                ":61: entry date '1340' is not a date");
    }

    @Test
    void a_repeated_bank_reference_is_rejected_as_a_duplicate_id() throws Exception {
        ReadResult<Transaction> read = read(statement(
                ":61:2611201120C1,00NTRFNONREF//SAME\n"
                + ":61:2611201120C2,00NTRFNONREF//SAME\n"));

        assertThat(read.records()).extracting(Transaction::entryId).containsExactly("SAME");
        assertThat(read.rejected()).extracting(RejectedRow::lineNumber, RejectedRow::reason)
                .containsExactly(tuple(6L, "duplicate entry_id 'SAME' for account 12345678-0123456789, first seen on line 5"));
    }

    @Test
    void one_bank_reference_on_two_accounts_is_two_entries() throws Exception {
        String text = ":20:STMT1\n:25:11111111/1\n:28C:1/1\n:60F:C261119EUR0,00\n:61:2611201120C1,00NTRFNONREF//SAME\n"
                + ":62F:C261120EUR1,00\n-\n"
                + ":20:STMT2\n:25:22222222/2\n:28C:1/1\n:60F:C261119EUR0,00\n:61:2611201120D1,00NTRFNONREF//SAME\n"
                + ":62F:D261120EUR1,00\n-\n";

        ReadResult<Transaction> read = new Mt940Reader().readAll(new java.io.ByteArrayInputStream(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(read.rejected()).isEmpty();
        assertThat(read.records()).extracting(t -> t.account().value(), Transaction::entryId)
                .containsExactly(tuple("11111111-1", "SAME"), tuple("22222222-2", "SAME"));
    }

    @Test
    void lines_without_a_type_code_are_read_as_penta_and_zenith_write_them() throws Exception {
        ReadResult<Transaction> read = read(statement(
                ":61:2611201120D20,00NONREF\n"
                + ":61:2611201120CN30,00//Z123\n"));

        assertThat(read.records()).extracting(Transaction::entryId, Transaction::reference,
                t -> t.amount().toPlainString()).containsExactly(tuple("STMT1-1", "", "-20.00"),
                tuple("Z123", "Z123", "30.00"));
    }

    @Test
    void reference_prefers_the_customer_reference_then_the_end_to_end_reference_then_the_bank_reference()
            throws Exception {
        ReadResult<Transaction> read = read(statement(
                ":61:2611201120C1,00NTRFINV-77//B1\n"
                + ":61:2611201120C2,00NTRFNONREF//B2\n"
                + ":86:/TRTP/SEPA OVERBOEKING/IBAN/NL25ABNA0987654321/BIC/ABNANL2A/NAME/FOO BA\n"
                + "R BV/REMI/INVOICE 9/EREF/E2E-2\n"
                + ":61:2611201120C3,00NTRFNONREF//B3\n"
                + ":86:166?00SEPA-GUTSCHRIFT?20EREF+E2E-3?21SVWZ+RECHNUNG 12?32MUSTER G\n"
                + "MBH?33 BERLIN\n"
                + ":61:2611201120C4,00NTRFNONREF//B4\n"
                + ":86:/EREF/NOTPROVIDED//CNTP/NL21RABO0999999999/RABONL2U/SHOP N.V./AMSTERDAM//\n"));

        assertThat(read.records()).extracting(Transaction::reference, Transaction::counterparty).containsExactly(
                tuple("INV-77", ""), tuple("E2E-2", "FOO BAR BV"), tuple("E2E-3", "MUSTER GMBH BERLIN"),
                tuple("B4", "SHOP N.V."));
        assertThat(read.records().get(2).description()).isEqualTo("EREF+E2E-3 SVWZ+RECHNUNG 12");
    }

    @Test
    void several_86_fields_are_joined_and_a_statement_level_86_is_no_entry() throws Exception {
        ReadResult<Transaction> read = read(":20:S\n:25:ACC\n:60F:C261119EUR0,\n"
                + ":86:about the statement\n"
                + ":61:2611201120C1,00NTRFNONREF//B1\n"
                + ":86:first\n:NS:01bank data\n:86:second\n"
                + ":62F:C261120EUR1,\n"
                + ":86:after the balance\n-\n");

        assertThat(read.records()).singleElement().extracting(Transaction::description).isEqualTo("first second");
    }

    @Test
    void a_description_is_cut_at_one_thousand_characters() throws Exception {
        String longText = ("0123456789".repeat(6) + "\n").repeat(30);
        ReadResult<Transaction> read = read(statement(":61:2611201120C1,00NTRFNONREF//B1\n:86:" + longText));

        assertThat(read.records()).singleElement().extracting(Transaction::description)
                .satisfies(d -> assertThat(d).hasSize(1000));
    }

    @Test
    void a_lone_dash_before_the_closing_balance_is_text_and_a_tag_like_line_is_a_continuation() throws Exception {
        ReadResult<Transaction> read = read(":20:S\n:25:ACC\n:60F:C261119EUR0,\n"
                + ":61:2611201120C1,00NTRFNONREF//B1\n"
                + ":86:wrapped text\n:26:37 more text\n-\n"
                + ":62F:C261120EUR1,\n");

        assertThat(read.records()).singleElement().extracting(Transaction::description)
                .isEqualTo("wrapped text :26:37 more text -");
    }

    @Test
    void accounts_with_slashes_or_spaces_are_mapped_to_dashes() throws Exception {
        ReadResult<Transaction> read = read(statement(":61:2611201120C1,00NTRFNONREF//B1\n")
                + statement(":61:2611201120C1,00NTRFNONREF//B2\n").replace("12345678/0123456789", " NL84RABO0121 EUR "));

        assertThat(read.records()).extracting(Transaction::account).containsExactly(
                AccountId.of("12345678-0123456789"), AccountId.of("NL84RABO0121-EUR"));
    }

    @Test
    void a_statement_without_account_or_opening_balance_rejects_its_entries_with_the_reason() throws Exception {
        ReadResult<Transaction> read = read(":20:S1\n:60F:C261119EUR0,\n:61:2611201120C1,00NTRFNONREF//B1\n"
                + ":62F:C261120EUR1,\n-\n"
                + ":20:S2\n:25:ACC\n:61:2611201120C1,00NTRFNONREF//B2\n:62F:C261120EUR1,\n-\n"
                + ":20:S3\n:25:ACC\n:60F:C261119XYZ0,\n:61:2611201120C1,00NTRFNONREF//B3\n:62F:C261120EUR1,\n-\n"
                + ":20:S4\n:25:ACC\n:60F:C261119\n:61:2611201120C1,00NTRFNONREF//B4\n:62F:C261120EUR1,\n-\n");

        assertThat(read.rejected()).extracting(RejectedRow::reason).containsExactly(
                ":25: (account) is missing",
                "the statement has no opening balance (:60F:/:60M:) to take the currency from",
                "opening balance :60F: currency 'XYZ' is not an ISO 4217 code",
                "opening balance :60F: 'C261119' (line 19) has no currency");
    }

    @Test
    void an_entry_after_the_end_of_a_statement_is_rejected() throws Exception {
        ReadResult<Transaction> read = read(statement(":61:2611201120C1,00NTRFNONREF//B1\n")
                + ":61:2611201120C9,00NTRFNONREF//B9\n:86:orphan\n");

        assertThat(read.records()).hasSize(1);
        assertThat(read.rejected()).extracting(RejectedRow::lineNumber, RejectedRow::reason).containsExactly(tuple(8L,
                ":61: entry outside any statement: no :20: since the end of the last statement on line 7"));
    }

    @Test
    void envelope_control_characters_and_a_byte_order_mark_are_skipped() throws Exception {
        String text = "\uFEFF\u0001{1:F01BANKNL2AXXXX0000000000}{2:O940BANKNL2AXXXXN}{3:}{4:\r\n"
                + statement(":61:2611201120C1,00NTRFNONREF//B1\n").replace("\n", "\r\n").replace("-\r\n", "-}{5:}")
                + "\u0003\u001A";

        assertThat(read(text).records()).extracting(Transaction::entryId).containsExactly("B1");
    }

    @Test
    void a_line_that_is_not_utf8_is_read_as_iso_8859_1() throws Exception {
        String text = ":20:S\n:25:ACC\n:60F:C261119EUR0,\n:61:2611201120C1,00NTRFNONREF//B1\n:86:M\u00fcller\n"
                + ":62F:C261120EUR1,\n-\n";

        ReadResult<Transaction> read = reader.readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(read.records()).singleElement().extracting(Transaction::description).isEqualTo("M\u00fcller");
    }

    // --- unreadable files ---

    @Test
    void content_without_any_20_field_is_unreadable() {
        assertThatThrownBy(() -> read("hello\nworld\n")).isInstanceOf(UnreadableFileException.class)
                .hasMessage("no MT940 statement found: no line starts with the :20: field");
    }

    @Test
    void a_file_cut_off_before_its_closing_balance_is_unreadable() {
        String truncated = ":20:STMT1\n:25:ACC\n:60F:C261119EUR0,\n:61:2611201120C1,00NTRFNONREF//B1\n:86:tex";

        assertThatThrownBy(() -> read(truncated)).isInstanceOf(UnreadableFileException.class)
                .hasMessage("MT940 statement 'STMT1' starting on line 1 stops at the end of the file before its "
                        + "closing balance (:62F:/:62M:): the file looks truncated");
    }

    @Test
    void a_line_longer_than_the_limit_is_unreadable() {
        String huge = ":20:S\n:86:" + "x".repeat(com.nightshift.common.io.InputLimits.DEFAULTS.maxLineChars() + 1) + "\n";

        assertThatThrownBy(() -> read(huge)).isInstanceOf(UnreadableFileException.class)
                .hasMessage("line 2 is longer than the limit of 65536 bytes: not a text statement");
    }
}
