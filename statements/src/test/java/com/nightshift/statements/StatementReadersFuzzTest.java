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
 * Any bytes given to the detecting statement reader (what ingestion and reconciliation use) are read as the
 * format their content shows, or refused as unreadable with a reason. Run over its corpus
 * ({@code StatementReadersFuzzTestInputs/}: a statement of each format) in every build.
 */
class StatementReadersFuzzTest {

    private static final InputLimits SMALL = new InputLimits(4_096, 512, 64, 2_048);

    @FuzzTest(maxDuration = "3s")
    void any_bytes_are_a_statement_or_an_unreadable_file(byte[] input) throws IOException {
        ReadResult<Transaction> read;
        try {
            read = StatementReaders.detecting(SMALL).readAll(new ByteArrayInputStream(input));
        } catch (UnreadableFileException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(read.counts().rowsRead()).isEqualTo(read.accepted().size() + read.rejected().size());
    }
}
