package com.nightshift.common.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.io.GeneratedInput;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.OversizedInputException;
import com.nightshift.common.transaction.TransactionCsvCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CSV readers within {@link InputLimits}: which limit fails the file and which rejects a row. */
class CsvLimitsTest {

    private static final String HEADER = String.join(",", TransactionCsvCodec.HEADER) + "\n";
    private static final String ROW = "L-%d,ACC-1,2026-11-20,2026-11-20,10.00,USD,Acme,REF,%s\n";
    private static final InputLimits SMALL = new InputLimits(1 << 20, 200, 50, 1000);

    private static ByteArrayInputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_field_over_the_limit_is_a_rejected_row_and_the_rest_of_the_file_goes_on() throws Exception {
        String text = HEADER + ROW.formatted(1, "d".repeat(51)) + ROW.formatted(2, "fine");

        ReadResult<?> read = new TransactionCsvCodec(SMALL).readAll(utf8(text));

        assertThat(read.rejected()).singleElement().satisfies(row -> {
            assertThat(row.lineNumber()).isEqualTo(2);
            assertThat(row.reason()).isEqualTo("field 9 is longer than the limit of 50 characters");
        });
        assertThat(read.accepted()).singleElement().satisfies(row -> assertThat(row.lineNumber()).isEqualTo(3));
    }

    @Test
    void a_line_over_the_limit_makes_the_file_unreadable_naming_the_line() {
        String text = HEADER + ROW.formatted(1, "ok") + "x".repeat(201) + "\n";

        assertThatThrownBy(() -> new TransactionCsvCodec(SMALL).readAll(utf8(text)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("line 3 is longer than the limit of 200 characters")
                .hasCauseInstanceOf(OversizedInputException.class);
    }

    @Test
    void an_unterminated_quote_running_past_the_line_limit_says_where_it_opened() {
        String text = HEADER + "L-1,\"open" + "\nmore text".repeat(30);

        assertThatThrownBy(() -> new TransactionCsvCodec(SMALL).readAll(utf8(text)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("line 2 is longer than the limit of 200 characters (inside a quoted field opened on line 2)");
    }

    @Test
    void a_hundred_megabyte_line_is_refused_after_reading_about_one_line_limit() {
        GeneratedInput hostile = GeneratedInput.of(HEADER + "L-1,", "a", 100L << 20);

        assertThatThrownBy(() -> new TransactionCsvCodec().readAll(hostile))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("line 2 is longer than the limit of 65536 characters");
        // The decoder reads ahead a few kilobytes; nothing near the 100 MB.
        assertThat(hostile.bytesRead()).isLessThan(InputLimits.DEFAULTS.maxLineChars() + 65_536L);
    }

    @Test
    void a_file_over_the_size_limit_is_unreadable_however_good_its_rows() {
        InputLimits limits = new InputLimits(10_000, 200, 50, 1000);
        GeneratedInput rows = GeneratedInput.of(HEADER, ROW.formatted(1, "same row"), 2L << 30);

        assertThatThrownBy(() -> new TransactionCsvCodec(limits).read(rows, row -> { }, row -> { }))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("file is larger than the limit of 10000 bytes");
        assertThat(rows.bytesRead()).isLessThan(10_000 + 16_384);
    }

    @Test
    void a_record_reader_alone_refuses_an_over_long_record_with_an_io_error() throws IOException {
        try (CsvReader reader = CsvReader.ofUtf8(utf8("a,b\n" + "c".repeat(300)), SMALL)) {
            assertThatThrownBy(() -> {
                reader.next();
                reader.next();
            }).isInstanceOf(OversizedInputException.class).hasMessage("line 2 is longer than the limit of 200 characters");
        }
    }

    @Test
    void a_field_exactly_at_the_limit_is_accepted() throws IOException, UnreadableFileException {
        String text = HEADER + ROW.formatted(1, "d".repeat(50));

        assertThat(new TransactionCsvCodec(SMALL).readAll(utf8(text)).accepted()).hasSize(1);
    }
}
