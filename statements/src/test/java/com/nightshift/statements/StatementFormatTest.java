package com.nightshift.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.UnreadableFileException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatementFormatTest {

    private static StatementFormat detect(String content) throws Exception {
        return StatementFormat.detect(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_transaction_csv_header_means_csv() throws Exception {
        assertThat(detect("entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n"))
                .isEqualTo(StatementFormat.CSV);
    }

    @Test
    void xml_means_camt053_whatever_comes_first() throws Exception {
        assertThat(detect("<?xml version=\"1.0\"?><Document/>")).isEqualTo(StatementFormat.CAMT053);
        assertThat(detect("\uFEFF\r\n  <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">"))
                .isEqualTo(StatementFormat.CAMT053);
    }

    @Test
    void a_fin_envelope_or_a_20_line_means_mt940() throws Exception {
        assertThat(detect("{1:F01BANKNL2AXXXX0000000000}{2:O940BANKNL2AXXXXN}{4:\n:20:X\n"))
                .isEqualTo(StatementFormat.MT940);
        assertThat(detect(":20:STARTUMSE\n:25:1/2\n")).isEqualTo(StatementFormat.MT940);
        assertThat(detect("\u0001\n:20:ST170119CYC/1\n")).isEqualTo(StatementFormat.MT940);
        assertThat(detect("ABNANL2A\n940\nABNANL2A\n:20:ABN AMRO BANK NV\n")).isEqualTo(StatementFormat.MT940);
        assertThat(detect("This is an example file\r\n\r\n------\r\n:20:3996-1234567890\r\n"))
                .isEqualTo(StatementFormat.MT940);
    }

    @Test
    void unknown_content_is_unreadable_and_the_message_quotes_its_start() {
        assertThatThrownBy(() -> detect("date;amount\n2026-11-20;1,00\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("content is not a statement format Nightshift reads: expected the transaction CSV "
                        + "header (entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,"
                        + "description), an ISO 20022 camt.053 XML document or a SWIFT MT940 statement")
                .hasMessageEndingWith("the content starts with 'date;amount'");
        assertThatThrownBy(() -> detect("%PDF-1.7\u0000\u0001 binary")).isInstanceOf(UnreadableFileException.class)
                .hasMessageEndingWith("the content starts with '%PDF-1.7\\x00\\x01 binary'");
    }

    @Test
    void empty_content_is_unreadable() {
        assertThatThrownBy(() -> detect("  \n\t")).isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("file is empty (or only whitespace)");
    }

    @Test
    void a_20_line_past_the_detection_window_is_not_looked_for() {
        String preamble = "x".repeat(100) + "\n";
        String late = preamble.repeat(StatementFormat.DETECTION_BYTES / preamble.length() + 1) + ":20:X\n";

        assertThatThrownBy(() -> detect(late)).isInstanceOf(UnreadableFileException.class);
    }

    @Test
    void detection_on_a_stream_leaves_it_where_it_was() throws Exception {
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(":20:X\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(StatementFormat.detect(in)).isEqualTo(StatementFormat.MT940);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(":20:X\n");
    }

    @Test
    void detection_needs_a_stream_that_can_be_reset() {
        InputStream plain = new InputStream() {
            @Override
            public int read() {
                return -1;
            }
        };

        assertThatThrownBy(() -> StatementFormat.detect(plain)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void each_format_has_its_reader() {
        assertThat(StatementFormat.CSV.reader()).isInstanceOf(com.nightshift.common.transaction.TransactionCsvCodec.class);
        assertThat(StatementFormat.CAMT053.reader()).isInstanceOf(Camt053Reader.class);
        assertThat(StatementFormat.MT940.reader()).isInstanceOf(Mt940Reader.class);
    }
}
