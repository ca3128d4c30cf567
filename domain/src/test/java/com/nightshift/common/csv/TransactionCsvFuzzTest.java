package com.nightshift.common.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes given to the transaction CSV reader (the ledger and CSV statement format, and the CSV reading
 * every risk input shares) are read into accepted and rejected rows, or refused as unreadable with a reason;
 * nothing else escapes. Small limits, so that inputs of a few kilobytes reach them. The corpus is
 * {@code TransactionCsvFuzzTestInputs/} under the test resources.
 */
class TransactionCsvFuzzTest {

    private static final InputLimits SMALL = new InputLimits(4_096, 512, 64, 2_048);
    private static final TransactionCsvCodec CODEC = new TransactionCsvCodec(SMALL);

    @FuzzTest(maxDuration = "3s")
    void any_bytes_are_rows_or_an_unreadable_file(byte[] input) throws IOException {
        ReadResult<Transaction> read;
        try {
            read = CODEC.readAll(new ByteArrayInputStream(input));
        } catch (UnreadableFileException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(read.counts().rowsRead()).isEqualTo(read.accepted().size() + read.rejected().size());
        for (AcceptedRow<Transaction> row : read.accepted()) {
            assertThat(row.record().description().length()).isLessThanOrEqualTo(SMALL.maxFieldChars());
            assertThat(row.rawRowText().length()).isLessThanOrEqualTo(SMALL.maxLineChars());
        }
        for (RejectedRow row : read.rejected()) {
            assertThat(row.reason()).isNotBlank();
        }
    }
}
