package com.nightshift.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Camt053ReaderTest {

    private final Camt053Reader reader = new Camt053Reader();

    private static final String V2 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";

    /** A camt.053 document with one statement for account DE02 1001 0010 0006 8201 01 holding {@code entries}. */
    private static String statement(String namespace, String entries) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Document xmlns=\"" + namespace + "\">\n"
                + "<BkToCstmrStmt>\n"
                + "<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-20T22:00:00</CreDtTm></GrpHdr>\n"
                + "<Stmt>\n"
                + "<Id>STMT-1</Id>\n"
                + "<Acct><Id><IBAN>DE02100100100006820101</IBAN></Id><Ccy>EUR</Ccy></Acct>\n"
                + "<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">10.00</Amt>"
                + "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>\n"
                + entries
                + "</Stmt>\n"
                + "</BkToCstmrStmt>\n"
                + "</Document>\n";
    }

    private static String entry(String body) {
        return "<Ntry>\n" + body + "\n</Ntry>\n";
    }

    private ReadResult<Transaction> read(String xml) throws Exception {
        return Fixtures.read(reader, xml);
    }

    private static Transaction tx(String id, String account, String booking, String value, String amount,
                                  String currency, String counterparty, String reference, String description) {
        return Transaction.of(id, AccountId.of(account), LocalDate.parse(booking), LocalDate.parse(value),
                new BigDecimal(amount), Currency.getInstance(currency), counterparty, reference, description);
    }

    @Test
    void the_callers_stream_is_left_open_as_every_reader_leaves_it() throws Exception {
        var closed = new java.util.concurrent.atomic.AtomicBoolean();
        var in = new java.io.ByteArrayInputStream(statement(V2, "").getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        reader.read(in, row -> { }, row -> { });

        assertThat(closed).isFalse();
    }

    // --- real files, checked entry by entry against the XML ---

    @Test
    void version_02_file_with_a_two_detail_batch_gives_one_transaction_per_detail() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader,
                Fixtures.camt053("viafintech_camt_parser__valid_example.xml"));

        assertThat(read.rejected()).isEmpty();
        assertThat(read.records()).containsExactly(
                tx("1234567890sdfghjk", "DE14740618130000033626", "2013-12-27", "2013-12-27", "-2.00", "EUR",
                        "Testkonto Nummer 2", "EndToEndReference", "TEST BERWEISUNG MITTELS BLZUND KONTONUMMER - DTA"),
                tx("2013122710583600000", "DE14740618130000033626", "2013-12-27", "2013-12-27", "-3.00", "EUR",
                        "Testkonto Nummer 2", "2013122710583600000",
                        "Test+berweisung mit BIC und IBAN SEPA IBAN: DE58740618130100033626 BIC: GENODEF1PFK"),
                tx("2013122711085260000", "DE14740618130000033626", "2013-12-27", "2013-12-27", "1.00", "EUR",
                        "Testkonto Nummer 2", "2013122711085260000", "R CKBUCHUNG"),
                tx("2013122711513230000/1", "DE14740618130000033626", "2013-12-27", "2013-12-27", "-3.50", "EUR",
                        "Testkonto Nummer 1", "STZV-EtE27122013-11:02-1", "Sammelueberwseisung 2. Zahlung TAN:283044"),
                tx("2013122711513230000/2", "DE14740618130000033626", "2013-12-27", "2013-12-27", "-2.50", "EUR",
                        "Testkonto Nummer 1", "STZV-EtE27122013-11:02-2", "Sammelueberweisung 1. Zahlung TAN:283044"));
        // Each batch detail keeps the line of its own TxDtls.
        assertThat(read.accepted()).extracting(AcceptedRow::lineNumber).containsExactly(60L, 158L, 219L, 277L, 321L);
    }

    @Test
    void version_08_file_reads_party_names_under_Pty_and_status_under_Sts_Cd() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader,
                Fixtures.camt053("viafintech_camt_parser__valid_example_v8.xml"));

        assertThat(read.rejected()).isEmpty();
        assertThat(read.records()).containsExactly(
                tx("9999171ZC0173078", "CH1111111111111111111", "2023-06-20", "2023-06-20", "474.4", "CHF",
                        "Jon Doe", "80000004540000100095", "INVOICE R77561"),
                tx("CH700033323323241701E", "CH1111111111111111111", "2023-06-20", "2023-06-20", "88.85", "CHF",
                        "Finanz AG", "435A9287E088BDB1D97FAABD181C70C8", "Credit Creditor Reference"),
                tx("0124571DN6195349", "CH1111111111111111111", "2023-06-20", "2023-06-20", "-20.97", "EUR",
                        "DHL Express (Schweiz) AG", "1208481", "e-banking Order // FILETRANSFER"));
    }

    @Test
    void version_04_business_sample_takes_the_date_of_a_DtTm_booking_date_as_written() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader,
                Fixtures.camt053("dvbern_iso20022__Business_Sample_camt.053.001.04.xml"));

        assertThat(read.records()).containsExactly(
                tx("AAAASESS-FP-CN_98765/01", "50000000054910000003", "2010-10-18", "2010-10-18", "105678.50", "SEK",
                        "MUELLER", "MUELL/FINP/RA12345", ""),
                // A batch announced by Btch/NbOfTxs but without TxDtls is one transaction for the entry.
                tx("AAAASESS-FP-ACCR-01", "50000000054910000003", "2010-10-18", "2010-10-18", "-200000", "SEK",
                        "", "AAAASESS-FP-ACCR-01", ""),
                tx("AAAASESS-FP-CONF-FX", "50000000054910000003", "2010-10-18", "2010-10-18", "30000", "SEK",
                        "", "AAAASS1085FINPSS", ""));
    }

    @Test
    void postfinance_batches_split_into_their_details_and_a_reused_NtryRef_is_a_duplicate() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader, Fixtures.camt053(
                "dvbern_iso20022__camt.053_P_CH0309000000250090342_380000000_0_2016053100163801.xml"));

        assertThat(read.records()).filteredOn(t -> t.entryId().startsWith("010000004/")).hasSize(10)
                .extracting(Transaction::amount).allSatisfy(amount -> assertThat(amount).isPositive());
        assertThat(read.records()).filteredOn(t -> t.entryId().equals("010000004/2")).singleElement()
                .satisfies(t -> {
                    assertThat(t.amount()).isEqualByComparingTo("50.00");
                    assertThat(t.counterparty()).isEqualTo("Rutschmann Pia");
                    assertThat(t.reference()).isEqualTo("160527CH00T3KWWA");
                    assertThat(t.bookingDate()).isEqualTo(LocalDate.of(2016, 5, 27));
                    assertThat(t.valueDate()).isEqualTo(LocalDate.of(2016, 5, 30));
                });
        // PostFinance puts one LSV/CH-DD id into NtryRef of several entries: two reversals repeat it.
        assertThat(read.rejected()).extracting(RejectedRow::lineNumber, RejectedRow::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1904L,
                        "duplicate entry_id '41107767420881932' for account CH0309000000250090342, first seen on line 1835"),
                org.assertj.core.groups.Tuple.tuple(2017L,
                        "duplicate entry_id '41107767420881932' for account CH0309000000250090342, first seen on line 1835"));
    }

    @Test
    void entries_without_any_date_take_the_closing_balance_date_of_their_statement() throws Exception {
        ReadResult<Transaction> read = Fixtures.read(reader,
                Fixtures.camt053("Subite-eu_camt-to-coda__LT625883379695428516-CAMT_053-2024-04-11.xml"));

        assertThat(read.records()).hasSize(15).allSatisfy(t -> {
            assertThat(t.bookingDate()).isEqualTo(LocalDate.of(2024, 4, 11));
            assertThat(t.account()).isEqualTo(AccountId.of("LT625883379695428516"));
        });
        assertThat(read.records().get(0)).isEqualTo(tx("REF000003631558", "LT625883379695428516", "2024-04-11",
                "2024-04-11", "-388645", "EUR", "", "REF000003643800", ""));
    }

    // --- edge cases, inline ---

    @Test
    void a_reversal_keeps_the_sign_of_its_CdtDbtInd() throws Exception {
        ReadResult<Transaction> read = read(statement(V2,
                entry("<Amt Ccy=\"EUR\">6.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>"
                        + "<BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>R-1</AcctSvcrRef>")
                + entry("<Amt Ccy=\"EUR\">7.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd>"
                        + "<BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>R-2</AcctSvcrRef>")));

        assertThat(read.records()).extracting(t -> t.amount().toPlainString()).containsExactly("-6.00", "7.00");
    }

    @Test
    void a_missing_value_date_is_the_booking_date() throws Exception {
        ReadResult<Transaction> read = read(statement(V2, entry("<Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
                + "<BookgDt><DtTm>2026-11-19T23:30:00-05:00</DtTm></BookgDt><NtryRef>N-1</NtryRef>")));

        assertThat(read.records()).singleElement().satisfies(t -> {
            assertThat(t.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 19));
            assertThat(t.valueDate()).isEqualTo(LocalDate.of(2026, 11, 19));
        });
    }

    @Test
    void a_malformed_amount_is_rejected_with_its_field_and_line_and_the_read_goes_on() throws Exception {
        ReadResult<Transaction> read = read(statement(V2,
                entry("<Amt Ccy=\"EUR\">12,50</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>")
                + entry("<Amt Ccy=\"EUR\">3.5</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>")));

        assertThat(read.rejected()).singleElement().satisfies(row -> {
            assertThat(row.lineNumber()).isEqualTo(9);
            assertThat(row.reason()).isEqualTo("Amt '12,50' is not a decimal amount");
            assertThat(row.rawRowText()).startsWith("<Ntry><Amt Ccy=\"EUR\">12,50</Amt>");
        });
        assertThat(read.records()).singleElement().satisfies(t -> {
            assertThat(t.entryId()).isEqualTo("STMT-1-2");
            assertThat(t.amount()).isEqualByComparingTo("-3.5");
        });
    }

    @Test
    void a_missing_or_unknown_credit_debit_indicator_and_a_bad_currency_are_rejected_by_name() throws Exception {
        ReadResult<Transaction> read = read(statement(V2,
                entry("<Amt Ccy=\"EUR\">1</Amt><BookgDt><Dt>2026-11-20</Dt></BookgDt>")
                + entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CR</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>")
                + entry("<Amt Ccy=\"XYZ\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>")
                + entry("<Amt Ccy=\"EUR\">1.23456</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>")
                + entry("<Amt Ccy=\"EUR\">1.230000</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt>"
                        + "</BookgDt>")
                + entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-31</Dt></BookgDt>")
                + entry("<CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>")));

        assertThat(read.rejected()).extracting(RejectedRow::reason).containsExactly(
                "CdtDbtInd is missing",
                "CdtDbtInd 'CR' is not CRDT or DBIT",
                "Amt Ccy 'XYZ' is not an ISO 4217 currency code",
                "Amt '1.23456' has 5 fraction digits, at most 4 allowed",
                "BookgDt/Dt '2026-11-31' is not an ISO 8601 date",
                "Amt is missing");
        // Trailing zeros past four fraction digits are dropped, not refused.
        assertThat(read.records()).singleElement().extracting(t -> t.amount().toPlainString()).isEqualTo("1.2300");
    }

    @Test
    void a_pending_entry_is_rejected_because_it_is_not_booked() throws Exception {
        ReadResult<Transaction> read = read(statement(V2, entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
                + "<Sts>PDNG</Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt>")));

        assertThat(read.rejected()).extracting(RejectedRow::reason)
                .containsExactly("Sts 'PDNG' is not BOOK: only booked entries are transactions");
    }

    @Test
    void a_repeated_entry_id_is_rejected_naming_the_first_line() throws Exception {
        String same = "<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>"
                + "<NtryRef>SAME</NtryRef>";
        ReadResult<Transaction> read = read(statement(V2, entry(same) + entry(same)));

        assertThat(read.records()).extracting(Transaction::entryId).containsExactly("SAME");
        assertThat(read.rejected()).extracting(RejectedRow::lineNumber, RejectedRow::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(12L, "duplicate entry_id 'SAME' for account DE02100100100006820101, first seen on line 9"));
    }

    @Test
    void references_fall_back_from_end_to_end_id_to_servicer_reference_to_creditor_reference() throws Exception {
        String common = "<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>";
        ReadResult<Transaction> read = read(statement(V2,
                entry(common + "<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RmtInf><Strd>"
                        + "<CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls>")
                + entry(common + "<AcctSvcrRef>BANK-7</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED"
                        + "</EndToEndId></Refs></TxDtls></NtryDtls>")
                + entry(common + "<AcctSvcrRef>BANK-8</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>E2E-8"
                        + "</EndToEndId></Refs></TxDtls></NtryDtls>")));

        assertThat(read.records()).extracting(Transaction::reference)
                .containsExactly("RF18539007547034", "BANK-7", "E2E-8");
        assertThat(read.records()).extracting(Transaction::entryId).containsExactly("STMT-1-1", "BANK-7", "BANK-8");
    }

    @Test
    void counterparty_is_the_debtor_for_a_credit_and_the_creditor_for_a_debit() throws Exception {
        String parties = "<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Payer Ltd</Nm></Dbtr><Cdtr><Nm>Payee plc</Nm>"
                + "</Cdtr></RltdPties><RmtInf><Ustrd>line one</Ustrd><Ustrd>line  two</Ustrd></RmtInf></TxDtls>"
                + "</NtryDtls>";
        ReadResult<Transaction> read = read(statement(V2,
                entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>"
                        + parties)
                + entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>"
                        + parties)));

        assertThat(read.records()).extracting(Transaction::counterparty).containsExactly("Payer Ltd", "Payee plc");
        assertThat(read.records()).extracting(Transaction::description).containsOnly("line one line two");
    }

    @Test
    void a_batch_detail_without_an_amount_in_the_entry_currency_is_rejected_and_its_siblings_are_kept()
            throws Exception {
        ReadResult<Transaction> read = read(statement(V2, entry("<Amt Ccy=\"EUR\">3</Amt><CdtDbtInd>DBIT</CdtDbtInd>"
                + "<BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>B</AcctSvcrRef><NtryDtls>\n"
                + "<TxDtls><AmtDtls><TxAmt><Amt Ccy=\"EUR\">1</Amt></TxAmt></AmtDtls></TxDtls>\n"
                + "<TxDtls><Amt Ccy=\"USD\">2.2</Amt></TxDtls>\n"
                + "<TxDtls><Refs><EndToEndId>E3</EndToEndId></Refs></TxDtls>\n"
                + "</NtryDtls>")));

        assertThat(read.records()).extracting(Transaction::entryId, t -> t.amount().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("B/1", "-1"));
        assertThat(read.rejected()).extracting(RejectedRow::lineNumber, RejectedRow::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(12L,
                        "batch detail B/2: TxDtls has no amount in the entry's currency EUR (found USD)"),
                org.assertj.core.groups.Tuple.tuple(13L,
                        "batch detail B/3: TxDtls has no amount (Amt or AmtDtls/TxAmt/Amt)"));
    }

    @Test
    void a_bad_batch_entry_rejects_each_of_its_details() throws Exception {
        ReadResult<Transaction> read = read(statement(V2, entry("<Amt Ccy=\"EUR\">3</Amt>"
                + "<BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>B</AcctSvcrRef><NtryDtls>"
                + "<TxDtls><Amt Ccy=\"EUR\">1</Amt></TxDtls><TxDtls><Amt Ccy=\"EUR\">2</Amt></TxDtls></NtryDtls>")));

        assertThat(read.counts().rowsRead()).isEqualTo(2);
        assertThat(read.rejected()).extracting(RejectedRow::reason).containsOnly("batch entry B: CdtDbtInd is missing");
    }

    @Test
    void an_account_with_other_characters_is_mapped_and_one_without_any_is_rejected() throws Exception {
        String xml = statement(V2, entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
                + "<BookgDt><Dt>2026-11-20</Dt></BookgDt>"));
        ReadResult<Transaction> other = read(xml.replace("<IBAN>DE02100100100006820101</IBAN>",
                "<Othr><Id> 7400 6181/3010 </Id></Othr>"));
        ReadResult<Transaction> none = read(xml.replace("<IBAN>DE02100100100006820101</IBAN>", ""));

        assertThat(other.records()).extracting(Transaction::account).containsExactly(AccountId.of("7400-6181-3010"));
        assertThat(none.rejected()).extracting(RejectedRow::reason)
                .containsExactly("Acct/Id/Othr/Id (account) is missing");
    }

    @Test
    void any_camt053_version_namespace_is_read() throws Exception {
        String body = entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
                + "<BookgDt><Dt>2026-11-20</Dt></BookgDt>");
        for (String version : new String[] {"02", "08", "13"}) {
            assertThat(read(statement("urn:iso:std:iso:20022:tech:xsd:camt.053.001." + version, body)).records())
                    .hasSize(1);
        }
    }

    // --- unreadable files ---

    @Test
    void an_external_entity_is_never_expanded(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + statement(V2, entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
                        + "<BookgDt><Dt>2026-11-20</Dt></BookgDt><AddtlNtryInf>&xxe;</AddtlNtryInf>"))
                        .replaceFirst("<\\?xml[^>]*>\n", "");

        assertThatThrownBy(() -> read(xxe))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    @Test
    void an_undeclared_entity_makes_the_file_unreadable_rather_than_being_resolved() throws Exception {
        String xml = statement(V2, entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
                + "<BookgDt><Dt>2026-11-20</Dt></BookgDt><AddtlNtryInf>&xxe;</AddtlNtryInf>"));

        assertThatThrownBy(() -> read(xml)).isInstanceOf(UnreadableFileException.class)
                .hasMessage("camt.053 XML is not well-formed at line 10, column 107: "
                        + "The entity \"xxe\" was referenced, but not declared.");
    }

    @Test
    void xml_that_is_not_a_camt053_document_is_unreadable() {
        assertThatThrownBy(() -> read("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"/>"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("XML root is {urn:iso:std:iso:20022:tech:xsd:pain.001.001.09}Document, not a camt.053 "
                        + "Document (namespace urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN)");
        assertThatThrownBy(() -> read("<Document xmlns=\"" + V2 + "\"><Other/></Document>"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("does not hold a BkToCstmrStmt");
    }

    @Test
    void a_truncated_file_is_unreadable_even_after_entries_were_read() {
        String whole = statement(V2, entry("<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
                + "<BookgDt><Dt>2026-11-20</Dt></BookgDt>"));
        String truncated = whole.substring(0, whole.indexOf("</Stmt>"));

        assertThatThrownBy(() -> read(truncated)).isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("camt.053 XML is not well-formed");
        assertThatThrownBy(() -> read("not xml at all")).isInstanceOf(UnreadableFileException.class);
    }
}
