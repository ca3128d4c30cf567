package com.nightshift.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.transaction.Transaction;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes given to the MT940 reader are entries, rejected entries, or an unreadable file with a reason;
 * nothing else escapes (no parser exception, no runaway pattern). Small limits, so that
 * inputs of a few kilobytes reach them. The corpus is {@code Mt940ReaderFuzzTestInputs/}.
 */
class Mt940ReaderFuzzTest {

    private static final InputLimits SMALL = new InputLimits(4_096, 512, 64, 2_048);
    private static final Mt940Reader READER = new Mt940Reader(SMALL);

    @FuzzTest(maxDuration = "3s")
    void any_bytes_are_entries_or_an_unreadable_file(byte[] input) throws IOException {
        ReadResult<Transaction> read;
        try {
            read = READER.readAll(new ByteArrayInputStream(input));
        } catch (UnreadableFileException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(read.counts().rowsRead()).isEqualTo(read.accepted().size() + read.rejected().size());
        read.rejected().forEach(row -> assertThat(row.reason()).isNotBlank());
    }
}
