package com.nightshift.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.transaction.Transaction;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatementReadersTest {

    private static final String CSV = "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,"
            + "description\n"
            + "S1,ACC-1,2026-11-20,2026-11-20,100.00,EUR,Bank,REF-1,ok\n"
            + "S2,ACC-1,2026-11-20,2026-11-20,abc,EUR,Bank,REF-2,bad amount\n"
            + "S1,ACC-1,2026-11-20,2026-11-20,100.00,EUR,Bank,REF-1,again\n";

    private static final String MT940 = ":20:S\n:25:ACC-1\n:60F:C261119EUR0,\n:61:2611201120C1,00NTRFNONREF//B1\n"
            + ":62F:C261120EUR1,\n-\n";

    private static final String CAMT = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
            + "<BkToCstmrStmt><Stmt><Id>S</Id><Acct><Id><IBAN>DE02100100100006820101</IBAN></Id></Acct>"
            + "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>"
            + "<AcctSvcrRef>C1</AcctSvcrRef></Ntry></Stmt></BkToCstmrStmt></Document>";

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void one_detecting_reader_reads_all_three_formats() throws Exception {
        assertThat(StatementReaders.detecting().readAll(utf8(CSV)).records()).extracting(Transaction::entryId)
                .containsExactly("S1");
        assertThat(StatementReaders.detecting().readAll(utf8(MT940)).records()).extracting(Transaction::entryId)
                .containsExactly("B1");
        assertThat(StatementReaders.detecting().readAll(utf8(CAMT)).records()).extracting(Transaction::entryId)
                .containsExactly("C1");
    }

    @Test
    void csv_through_the_readers_keeps_its_rejects_and_adds_the_duplicate_id_rule() throws Exception {
        ReadResult<Transaction> read = StatementReaders.detecting().readAll(utf8(CSV));

        assertThat(read.rejected()).extracting(RejectedRow::lineNumber, RejectedRow::reason).containsExactly(
                tuple(3L, "amount 'abc' is not a decimal"),
                tuple(4L, "duplicate entry_id 'S1', first seen on line 2"));
        assertThat(read.counts().rowsRead()).isEqualTo(3);
    }

    @Test
    void for_content_picks_the_reader_and_leaves_the_stream_to_it() throws Exception {
        BufferedInputStream in = new BufferedInputStream(utf8(MT940));

        assertThat(StatementReaders.forContent(in)).isInstanceOf(Mt940Reader.class);
        assertThat(StatementReaders.forContent(in).readAll(in).records()).hasSize(1);
    }

    @Test
    void unknown_content_is_unreadable_through_the_detecting_reader() {
        assertThatThrownBy(() -> StatementReaders.detecting().readAll(utf8("just some text\n")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("content is not a statement format Nightshift reads");
    }
}
