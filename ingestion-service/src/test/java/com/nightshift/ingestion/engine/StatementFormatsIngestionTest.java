package com.nightshift.ingestion.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements in camt.053 or MT940 are told apart by content and staged exactly like CSV statements. */
class StatementFormatsIngestionTest {

    private final IngestionEngine engine = new IngestionEngine();

    private static final String CAMT053 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
             <BkToCstmrStmt>
              <Stmt>
               <Id>STMT-20261120</Id>
               <Acct><Id><IBAN>DE02100100100006820101</IBAN></Id></Acct>
               <Ntry>
                <Amt Ccy="EUR">1250.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-21</Dt></ValDt>
                <AcctSvcrRef>BANK-1</AcctSvcrRef>
                <NtryDtls><TxDtls><Refs><EndToEndId>INV-1001</EndToEndId></Refs>
                 <RltdPties><Cdtr><Pty><Nm>Acme Corp</Nm></Pty></Cdtr></RltdPties>
                 <RmtInf><Ustrd>Invoice 1001</Ustrd></RmtInf></TxDtls></NtryDtls>
               </Ntry>
               <Ntry>
                <Amt Ccy="EUR">oops</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>
               </Ntry>
              </Stmt>
             </BkToCstmrStmt>
            </Document>
            """;

    private static final String MT940 = """
            {1:F01BANKDEFFAXXX0000000000}{2:O940BANKDEFFXXXXN}{4:
            :20:STMT-20261120
            :25:10020030/1234567
            :28C:1/1
            :60F:C261119EUR1000,00
            :61:2611201120D1250,50NTRFINV-1001//BANK-1
            :86:166?00SEPA-UEBERWEISUNG?20Invoice 1001?32Acme Corp
            :61:2611201120C10,00NTRFNONREF//BANK-1
            :62F:D261120EUR240,50
            -}
            """;

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Transaction> staged(IngestionOutcome outcome) throws Exception {
        return new TransactionCsvCodec().readAll(outcome.stagedObjects().get(0).openStream()).records();
    }

    @Test
    void a_camt053_statement_with_any_file_name_is_staged_as_transaction_csv() throws Exception {
        IngestionOutcome outcome = engine.ingest("inbound/statements/bank-a/eod-20261120.dat", utf8(CAMT053));

        assertThat(outcome.inputType()).isEqualTo(InputType.STATEMENT);
        assertThat(outcome.stagedKeys())
                .containsExactly("staged/statement/DE02100100100006820101/2026-11-20/statements~bank-a~eod-20261120.csv");
        assertThat(staged(outcome)).containsExactly(Transaction.of("BANK-1", AccountId.of("DE02100100100006820101"),
                LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21), new BigDecimal("-1250.50"),
                Currency.getInstance("EUR"), "Acme Corp", "INV-1001", "Invoice 1001"));
        assertThat(outcome.rejectedRows()).extracting(RejectedRow::lineNumber, RejectedRow::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(15L, "Amt 'oops' is not a decimal amount"));
        assertThat(outcome.counts().rowsRead()).isEqualTo(2);
        assertThat(outcome.reconciliationPairs()).containsExactly(
                ReconciliationPair.of(AccountId.of("DE02100100100006820101"), LocalDate.of(2026, 11, 20)));
    }

    @Test
    void an_mt940_statement_is_staged_under_its_mapped_account_and_repeated_ids_are_rejected() throws Exception {
        IngestionOutcome outcome = engine.ingest("inbound/statements/bank-b.sta", utf8(MT940));

        assertThat(outcome.stagedKeys())
                .containsExactly("staged/statement/10020030-1234567/2026-11-20/statements~bank-b.csv");
        assertThat(staged(outcome)).containsExactly(Transaction.of("BANK-1", AccountId.of("10020030-1234567"),
                LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20), new BigDecimal("-1250.50"),
                Currency.getInstance("EUR"), "Acme Corp", "INV-1001", "Invoice 1001"));
        assertThat(outcome.rejectedRows()).extracting(RejectedRow::reason)
                .containsExactly("duplicate entry_id 'BANK-1' for account 10020030-1234567, first seen on line 6");
        assertThat(outcome.rejects().rowCount()).isEqualTo(1);
    }

    @Test
    void statement_content_of_no_known_format_fails_the_file() {
        assertThatThrownBy(() -> engine.ingest("inbound/statements/notes.txt", utf8("Dear customer,\n")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("content is not a statement format Nightshift reads");
    }

    @Test
    void a_ledger_is_still_read_as_transaction_csv_only() {
        assertThatThrownBy(() -> engine.ingest("inbound/ledger/gl.xml", utf8(CAMT053)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("expected header 'entry_id,account,");
    }
}
