package com.nightshift.statements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.nightshift.common.io.InputLimits;

/** Lines of a text statement, whatever the line endings its system wrote. */
class TextLinesTest {

    private static List<String> lines(String text) throws Exception {
        TextLines lines = new TextLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                InputLimits.DEFAULTS);
        List<String> read = new ArrayList<>();
        for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
            read.add(line.number() + ":" + line.text());
        }
        return read;
    }

    @Test
    void unixWindowsAndOldMacLineEndingsAllEndALine_andTheNextLineKeepsItsFirstByte() throws Exception {
        assertThat(lines(":20:REF\r:25:ACC\r\n:28C:1/1\n:60F:C\r")).containsExactly("1::20:REF", "2::25:ACC",
                "3::28C:1/1", "4::60F:C");
    }
}
