package com.nightshift.common.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvWriterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "plain|plain",
            "a,b|\"a,b\"",
            "say \"hi\"|\"say \"\"hi\"\"\"",
            "''|''",
    })
    void field_is_quoted_only_when_it_must_be(String field, String encoded) {
        assertThat(CsvWriter.encodeField(field == null ? "" : field)).isEqualTo(encoded == null ? "" : encoded);
    }

    @Test
    void field_with_line_break_is_quoted() {
        assertThat(CsvWriter.encodeField("a\nb")).isEqualTo("\"a\nb\"");
    }

    @Test
    void every_record_ends_with_crlf() throws IOException {
        var out = new StringWriter();
        try (CsvWriter writer = CsvWriter.of(out)) {
            writer.writeRecord(List.of("a", "b"));
            writer.writeRecord(List.of("c"));
        }
        assertThat(out.toString()).isEqualTo("a,b\r\nc\r\n");
    }

    @Test
    void record_without_fields_is_refused() {
        assertThatThrownBy(() -> CsvWriter.of(new StringWriter()).writeRecord(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a,b", "\"quoted\"", "multi\nline", "crlf\r\ninside", "", " spaced ", "ünïcødé"})
    void written_field_reads_back_unchanged(String field) throws IOException {
        var out = new StringWriter();
        CsvWriter.of(out).writeRecord(List.of(field, "next"));
        CsvRecord back = CsvReader.of(new StringReader(out.toString())).next().orElseThrow();
        assertThat(back.fields()).containsExactly(field, "next");
        assertThat(back.wellFormed()).isTrue();
    }
}
