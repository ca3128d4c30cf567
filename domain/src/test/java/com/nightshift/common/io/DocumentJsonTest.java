package com.nightshift.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DocumentJsonTest {

    record Sample(LocalDate date, BigDecimal amount, double ratio) {
    }

    @Test
    void aRecord_isWrittenWithIsoDatesAndPlainDecimals_andReadsBackEqual() throws Exception {
        Sample sample = new Sample(LocalDate.of(2026, 11, 27), new BigDecimal("1E+3"), 0.1 + 0.2);
        byte[] bytes = DocumentJson.bytes(sample);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\"2026-11-27\"").contains("1000").doesNotContain("E+3").endsWith("}\n");
        Sample read = DocumentJson.read(new ByteArrayInputStream(bytes), Sample.class);
        assertThat(read.date()).isEqualTo(sample.date());
        assertThat(read.ratio()).isEqualTo(sample.ratio());
        assertThat(read.amount()).isEqualByComparingTo("1000");
    }

    @Test
    void warmingUp_leavesWhatIsWrittenUnchanged() {
        Sample sample = new Sample(LocalDate.of(2026, 11, 27), new BigDecimal("12.50"), 1e-7);
        byte[] before = DocumentJson.bytes(sample);
        DocumentJson.warmUp(Sample.class);
        assertThat(DocumentJson.bytes(sample)).isEqualTo(before);
        assertThat(new String(before, StandardCharsets.UTF_8)).contains("\"amount\" : 12.50");
    }

    @Test
    void aMissingOrUnknownField_failsTheRead() {
        byte[] missing = "{\"date\":\"2026-11-27\",\"amount\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] unknown = "{\"date\":\"2026-11-27\",\"amount\":1,\"ratio\":1,\"extra\":2}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DocumentJson.read(new ByteArrayInputStream(missing), Sample.class))
                .hasMessageContaining("ratio");
        assertThatThrownBy(() -> DocumentJson.read(new ByteArrayInputStream(unknown), Sample.class))
                .hasMessageContaining("extra");
    }

    record Outer(String name, java.util.List<Sample> samples) {
    }

    @Test
    void theProblem_namesThePathOfTheField_withoutTheSourceExcerpt() {
        String missing = "{\"name\":\"n\",\"samples\":[{\"date\":\"2026-11-27\",\"amount\":1}]}";
        String unknown = "{\"name\":\"n\",\"samples\":[{\"date\":\"2026-11-27\",\"amount\":1,\"ratio\":1,\"rate\":2}]}";
        String nulled = "{\"name\":null,\"samples\":[]}";
        assertThat(problem(missing)).isEqualTo("missing field 'samples[0].ratio'");
        assertThat(problem(unknown)).isEqualTo("unknown field 'samples[0].rate'");
        assertThat(problem(nulled)).isEqualTo("field 'name' is null");
        assertThat(problem("{")).doesNotContain("\n");
    }

    private static String problem(String json) {
        try {
            DocumentJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Outer.class);
            throw new AssertionError("read " + json);
        } catch (java.io.IOException e) {
            return DocumentJson.problem(e);
        }
    }
}
