package com.nightshift.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLimitsTest {

    private static final long TWO_GB = 2L << 30;

    @Test
    void defaults_are_a_gibibyte_file_64_ki_lines_4_ki_fields_and_16_mib_entries() {
        assertThat(InputLimits.DEFAULTS).isEqualTo(new InputLimits(1L << 30, 65_536, 4_096, 16 << 20));
    }

    @Test
    void a_limit_must_be_positive() {
        assertThatThrownBy(() -> new InputLimits(0, 10, 5, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }

    @Test
    void a_field_may_not_be_longer_than_a_line() {
        assertThatThrownBy(() -> new InputLimits(100, 10, 11, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a field (11 characters) cannot be longer than a line (10)");
    }

    @Test
    void a_known_size_over_the_limit_is_refused() {
        assertThatThrownBy(() -> InputLimits.DEFAULTS.checkFileSize(TWO_GB))
                .isInstanceOf(OversizedInputException.class)
                .hasMessage("file is larger than the limit of 1073741824 bytes (at least 2147483648 bytes)");
    }

    @Test
    void a_stream_is_refused_as_soon_as_it_passes_the_file_limit() {
        GeneratedInput two = GeneratedInput.of("", "x", TWO_GB);
        InputStream counted = new InputLimits(1_000_000, 100, 10, 100).counted(two);

        assertThatThrownBy(() -> counted.transferTo(java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(OversizedInputException.class)
                .hasMessageStartingWith("file is larger than the limit of 1000000 bytes");
        assertThat(two.bytesRead()).isLessThan(1_000_000 + 16_384);
    }

    @Test
    void a_stream_within_the_limit_reads_whole_and_counts_its_bytes() throws IOException {
        InputLimits.CountedInput counted = new InputLimits(10, 10, 10, 10).counted(
                new ByteArrayInputStream("0123456789".getBytes()));

        assertThat(counted.readAllBytes()).hasSize(10);
        assertThat(counted.count()).isEqualTo(10);
        assertThat(counted.refusal()).isNull();
    }

    @Test
    void a_run_longer_than_the_limit_after_the_mark_is_refused_with_what_it_is() throws IOException {
        InputLimits.CountedInput counted = InputLimits.DEFAULTS.counted(GeneratedInput.of("", "y", 1_000));
        counted.limitSinceMark(100, "XML text");
        counted.readNBytes(90);
        counted.markHere();
        counted.readNBytes(90);

        assertThat(counted.bytesSinceMark()).isEqualTo(90);
        assertThatThrownBy(() -> counted.readNBytes(20)).isInstanceOf(OversizedInputException.class)
                .hasMessage("XML text is longer than the limit of 100 bytes (after byte 90 of the file)");
        assertThat(counted.refusal()).isNotNull();
    }

    @Test
    void a_local_file_over_the_size_limit_is_refused_before_it_is_opened(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ledger.csv"), "entry_id\n".repeat(20));

        InputSource source = InputSource.file(file);

        assertThat(source.size()).isEqualTo(OptionalLong.of(180));
        assertThatThrownBy(() -> source.open(new InputLimits(100, 10, 10, 10)))
                .isInstanceOf(OversizedInputException.class)
                .hasMessage("file is larger than the limit of 100 bytes (at least 180 bytes)");
    }

    @Test
    void a_declared_size_is_checked_without_reading_a_byte() {
        GeneratedInput content = GeneratedInput.of("", "z", TWO_GB);
        InputSource source = new InputSource("inbound/statements/huge.csv", () -> content, OptionalLong.of(TWO_GB));

        assertThatThrownBy(() -> source.open(InputLimits.DEFAULTS)).isInstanceOf(OversizedInputException.class);
        assertThat(content.bytesRead()).isZero();
    }

    @Test
    void a_known_size_within_the_limit_opens_the_content() throws IOException {
        InputLimits.DEFAULTS.checkFileSize(InputLimits.DEFAULTS.maxFileBytes());
        InputSource source = new InputSource("ledger.csv", () -> new ByteArrayInputStream(new byte[] {'a'}),
                OptionalLong.of(1));

        try (InputStream in = source.open(InputLimits.DEFAULTS)) {
            assertThat(in.readAllBytes()).containsExactly('a');
        }
    }

    @Test
    void an_input_of_unknown_size_is_opened_and_left_to_the_readers_count() throws IOException {
        InputSource source = new InputSource("s3://bucket/key", () -> new ByteArrayInputStream(new byte[3]));

        assertThat(source.size()).isEmpty();
        try (InputStream in = source.open(new InputLimits(1, 1, 1, 1))) {
            assertThat(in.readAllBytes()).hasSize(3);
        }
    }

    @Test
    void a_missing_local_file_has_no_size_and_fails_when_opened(@TempDir Path dir) {
        InputSource source = InputSource.file(dir.resolve("missing.csv"));

        assertThat(source.size()).isEmpty();
        assertThatThrownBy(() -> source.open(InputLimits.DEFAULTS)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void single_bytes_and_skipped_bytes_count_towards_the_file_limit() throws IOException {
        InputLimits.CountedInput counted = new InputLimits(5, 5, 5, 5).counted(GeneratedInput.of("", "q", 100));

        assertThat(counted.read()).isEqualTo('q');
        assertThat(counted.skip(3)).isEqualTo(3);
        assertThat(counted.read()).isEqualTo('q');
        assertThat(counted.markSupported()).isFalse();
        assertThatThrownBy(counted::read).isInstanceOf(OversizedInputException.class);
        assertThat(counted.count()).isEqualTo(6);
    }

    @Test
    void the_end_of_a_counted_stream_is_not_counted() throws IOException {
        InputLimits.CountedInput counted = InputLimits.DEFAULTS.counted(new ByteArrayInputStream(new byte[0]));

        assertThat(counted.read()).isEqualTo(-1);
        assertThat(counted.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(counted.count()).isZero();
    }
}
