package com.nightshift.common.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {

    private static List<CsvRecord> readAll(String text) throws IOException {
        return readAll(CsvReader.of(new StringReader(text)));
    }

    private static List<CsvRecord> readAll(CsvReader reader) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        for (Optional<CsvRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
            records.add(next.get());
        }
        return records;
    }

    @Test
    void unquoted_fields_split_on_commas() throws IOException {
        assertThat(readAll("a,b,c\n").get(0).fields()).containsExactly("a", "b", "c");
    }

    @Test
    void quoted_field_with_embedded_comma_is_one_field() throws IOException {
        assertThat(readAll("a,\"b,c\",d\n").get(0).fields()).containsExactly("a", "b,c", "d");
    }

    @Test
    void doubled_quote_inside_quoted_field_is_one_quote() throws IOException {
        assertThat(readAll("\"say \"\"hi\"\"\",x\n").get(0).fields()).containsExactly("say \"hi\"", "x");
    }

    @Test
    void quoted_field_keeps_embedded_line_break() throws IOException {
        assertThat(readAll("a,\"line1\nline2\",c\n").get(0).fields()).containsExactly("a", "line1\nline2", "c");
    }

    @Test
    void quoted_field_keeps_embedded_crlf_verbatim() throws IOException {
        assertThat(readAll("\"x\r\ny\"\r\n").get(0).fields()).containsExactly("x\r\ny");
    }

    @Test
    void empty_quoted_field_is_empty() throws IOException {
        assertThat(readAll("\"\",b\n").get(0).fields()).containsExactly("", "b");
    }

    @Test
    void trailing_comma_gives_trailing_empty_field() throws IOException {
        assertThat(readAll("a,b,\n").get(0).fields()).containsExactly("a", "b", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b\r\nc,d\r\n", "a,b\nc,d\n", "a,b\rc,d\r", "a,b\r\nc,d\n", "a,b\nc,d"})
    void crlf_lf_and_cr_terminate_records_alike(String text) throws IOException {
        assertThat(readAll(text)).extracting(CsvRecord::fields)
                .containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void final_line_break_does_not_start_a_record() throws IOException {
        assertThat(readAll("a\nb\n")).hasSize(2);
    }

    @Test
    void empty_input_has_no_records() throws IOException {
        assertThat(readAll("")).isEmpty();
    }

    @Test
    void record_reports_the_physical_line_where_it_starts() throws IOException {
        List<CsvRecord> records = readAll("h1,h2\r\n\"multi\r\nline\",x\r\nnext,y\r\n");
        assertThat(records).extracting(CsvRecord::lineNumber).containsExactly(1L, 2L, 4L);
    }

    @Test
    void raw_text_is_the_record_as_written_without_its_terminator() throws IOException {
        assertThat(readAll("a,\"b,\"\"c\"\"\"\r\n").get(0).rawText()).isEqualTo("a,\"b,\"\"c\"\"\"");
    }

    @Test
    void raw_text_of_multi_line_record_keeps_its_inner_line_breaks() throws IOException {
        assertThat(readAll("\"x\ny\",z\nnext\n").get(0).rawText()).isEqualTo("\"x\ny\",z");
    }

    @Test
    void blank_line_is_one_empty_field() throws IOException {
        CsvRecord blank = readAll("a\n\nb\n").get(1);
        assertThat(blank.fields()).containsExactly("");
        assertThat(blank.blank()).isTrue();
        assertThat(blank.lineNumber()).isEqualTo(2);
    }

    @Test
    void utf8_byte_order_mark_is_skipped() throws IOException {
        byte[] bytes = "\uFEFFa,b\n".getBytes(StandardCharsets.UTF_8);
        CsvRecord first = readAll(CsvReader.ofUtf8(new ByteArrayInputStream(bytes))).get(0);
        assertThat(first.fields()).containsExactly("a", "b");
        assertThat(first.lineNumber()).isEqualTo(1);
    }

    @Test
    void utf8_text_is_decoded() throws IOException {
        byte[] bytes = "Zürich,€\n".getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(CsvReader.ofUtf8(new ByteArrayInputStream(bytes))).get(0).fields())
                .containsExactly("Zürich", "€");
    }

    @Test
    void malformed_utf8_fails_instead_of_being_replaced() {
        byte[] bytes = {'a', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThatThrownBy(() -> readAll(CsvReader.ofUtf8(new ByteArrayInputStream(bytes))))
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void character_after_closing_quote_is_a_defect_and_the_next_record_still_reads() throws IOException {
        List<CsvRecord> records = readAll("\"a\"b,c\nd,e\n");
        assertThat(records.get(0).defect()).contains("unexpected character 'b' after the closing quote of field 1");
        assertThat(records.get(1).wellFormed()).isTrue();
        assertThat(records.get(1).fields()).containsExactly("d", "e");
    }

    @Test
    void quote_inside_unquoted_field_is_a_defect() throws IOException {
        assertThat(readAll("ab\"c,d\n").get(0).defect()).contains("quote inside unquoted field 1");
    }

    @Test
    void unterminated_quote_is_a_defect_naming_the_line_it_opened_on() throws IOException {
        List<CsvRecord> records = readAll("ok\nx,\"never closed\nmore\n");
        assertThat(records).hasSize(2);
        assertThat(records.get(1).defect()).contains("unterminated quoted field 2 opened on line 2");
    }
}
