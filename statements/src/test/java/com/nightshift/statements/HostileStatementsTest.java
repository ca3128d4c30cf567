package com.nightshift.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.GeneratedInput;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.OversizedInputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Files no bank sends, each refused as unreadable with a reason, after reading little of it: the statement
 * readers within {@link InputLimits}. The long inputs are generated as they are read, never held.
 */
class HostileStatementsTest {

    private static final long HUNDRED_MB = 100L << 20;
    private static final String CAMT_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>S</Id>"
            + "<Acct><Id><IBAN>DE02100100100006820101</IBAN></Id></Acct>";
    private static final InputLimits SMALL = new InputLimits(1 << 20, 1_000, 100, 10_000);

    private static BufferedInputStream buffered(java.io.InputStream in) {
        return new BufferedInputStream(in, 1 << 16);
    }

    @Test
    void a_camt053_text_of_a_hundred_megabytes_is_refused_after_about_one_line_limit() {
        GeneratedInput hostile = GeneratedInput.of(CAMT_HEAD + "<Ntry><AddtlNtryInf>", "a", HUNDRED_MB);

        assertThatThrownBy(() -> StatementReaders.detecting().readAll(buffered(hostile)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("XML text or markup without a tag is longer than the limit of 81920 bytes")
                .hasCauseInstanceOf(OversizedInputException.class);
        assertThat(hostile.bytesRead()).isLessThan(200_000);
    }

    @Test
    void a_camt053_entry_over_the_entry_limit_is_refused() {
        GeneratedInput hostile = GeneratedInput.of(CAMT_HEAD + "<Ntry>", "<AddtlNtryInf>x</AddtlNtryInf>",
                HUNDRED_MB);

        assertThatThrownBy(() -> new Camt053Reader(SMALL).readAll(hostile))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("is longer than the entry limit of 10000 bytes");
        assertThat(hostile.bytesRead()).isLessThan(100_000);
    }

    @Test
    void camt053_elements_nested_deeper_than_the_limit_are_refused_before_the_stack_runs_out() {
        GeneratedInput hostile = GeneratedInput.of(CAMT_HEAD + "<Ntry>", "<a>", HUNDRED_MB);

        assertThatThrownBy(() -> new Camt053Reader().readAll(hostile))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("elements are nested deeper than 64 levels");
    }

    @Test
    void an_xml_bomb_is_refused_at_its_doctype_without_expanding_an_entity() {
        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [\n<!ENTITY a \"aaaaaaaaaa\">\n"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n]>\n"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&e;&e;&e;&e;</Document>\n";

        assertThatThrownBy(() -> StatementReaders.detecting().readAll(
                new ByteArrayInputStream(bomb.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("must not have a DOCTYPE");
    }

    @Test
    void an_mt940_line_of_a_hundred_megabytes_is_refused_after_about_one_line_limit() {
        GeneratedInput hostile = GeneratedInput.of(":20:STMT\n:86:", "b", HUNDRED_MB);

        assertThatThrownBy(() -> StatementReaders.detecting().readAll(buffered(hostile)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("line 2 is longer than the limit of 65536 bytes: not a text statement");
        assertThat(hostile.bytesRead()).isLessThan(200_000);
    }

    @Test
    void mt940_text_of_an_entry_in_endless_short_lines_is_refused_at_the_entry_limit() {
        GeneratedInput hostile = GeneratedInput.of(":20:STMT\n:25:ACC\n:60F:C261120EUR0,00\n"
                + ":61:2611201120C10,00NTRFREF//B1\n:86:", "more text\n", HUNDRED_MB);

        assertThatThrownBy(() -> new Mt940Reader(SMALL).readAll(hostile))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("MT940 field :86: starting on line 5, with the entry it belongs to, is longer than the"
                        + " entry limit of 10000 characters");
        assertThat(hostile.bytesRead()).isLessThan(20_000);
    }

    @Test
    void a_statement_over_the_file_limit_is_refused_whatever_its_format() {
        GeneratedInput mt940 = GeneratedInput.of(":20:STMT\n:25:ACC\n:60F:C261120EUR0,00\n", ":28C:1\n", 2L << 30);

        assertThatThrownBy(() -> StatementReaders.detecting(SMALL).readAll(buffered(mt940)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("file is larger than the limit of 1048576 bytes");
        assertThat(mt940.bytesRead()).isLessThan((1 << 20) + 100_000);
    }

    @Test
    void a_zip_named_like_a_statement_is_not_a_statement_format() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("bank.csv"));
            out.write("entry_id,account\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> StatementReaders.detecting().readAll(new ByteArrayInputStream(zip.toByteArray())))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("content is not a statement format Nightshift reads")
                .hasMessageContaining("the content starts with 'PK\\x03\\x04");
    }

    @Test
    void a_csv_statement_in_utf16_is_not_a_statement_format() {
        byte[] utf16 = "entry_id,account,booking_date\n".getBytes(StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> StatementReaders.detecting().readAll(new ByteArrayInputStream(utf16)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("content is not a statement format Nightshift reads");
    }

    @Test
    void a_long_line_that_starts_like_an_envelope_does_not_overflow_the_stack() {
        String line = "{1:" + "F".repeat(60_000) + "\n";

        assertThatThrownBy(() -> new Mt940Reader().readAll(new ByteArrayInputStream(
                (line + ":20:S\n:25:A\n").getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("stops at the end of the file before its closing balance");
    }
}
