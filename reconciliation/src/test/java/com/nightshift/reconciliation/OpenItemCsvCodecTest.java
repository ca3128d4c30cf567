package com.nightshift.reconciliation;

import static com.nightshift.reconciliation.Entries.BUSINESS_DATE;
import static com.nightshift.reconciliation.Entries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.UnreadableFileException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenItemCsvCodecTest {

    private final OpenItemCsvCodec codec = new OpenItemCsvCodec();

    @Test
    void writing_then_reading_gives_back_equal_items() throws Exception {
        List<OpenItem> items = List.of(
                OpenItem.of(Side.LEDGER, entry("L1", BUSINESS_DATE.minusDays(3), "-12.50", "Acme, Inc.", "INV-1",
                        "two\nlines \"quoted\""), BUSINESS_DATE.minusDays(2)),
                OpenItem.of(Side.STATEMENT, entry("S1", "7", "", ""), BUSINESS_DATE));
        byte[] bytes = codec.toBytes(items);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith(
                "side,first_seen,entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\r\n"
                        + "ledger,2026-11-18,L1,ACC-1,2026-11-20,2026-11-17,-12.50,USD,");
        assertThat(codec.readAll(new ByteArrayInputStream(bytes)).records()).isEqualTo(items);
    }

    @Test
    void a_bad_row_is_rejected_with_its_reason_and_the_rest_is_read() throws Exception {
        String csv = String.join("\r\n",
                String.join(",", OpenItemCsvCodec.HEADER),
                "both,2026-11-18,L1,ACC-1,2026-11-20,2026-11-17,1.00,USD,,,",
                "ledger,2026-11-31,L2,ACC-1,2026-11-20,2026-11-17,1.00,USD,,,",
                "statement,2026-11-18,S1,ACC-1,2026-11-20,2026-11-17,1.00,USD,,,") + "\r\n";
        var result = codec.readAll(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.rejected()).extracting(r -> r.lineNumber() + ": " + r.reason()).containsExactly(
                "2: side 'both' must be 'ledger' or 'statement'",
                "3: first_seen '2026-11-31' is not an ISO-8601 date (yyyy-mm-dd)");
        assertThat(result.records()).extracting(o -> o.entry().entryId()).containsExactly("S1");
    }

    @Test
    void a_transaction_file_is_not_an_open_items_file() {
        String csv = "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\r\n";
        assertThatThrownBy(() -> codec.readAll(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("side,first_seen");
    }
}
