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
        DocumentJson.warmUp();
        assertThat(DocumentJson.bytes(sample)).isEqualTo(before);
        assertThat(new String(before, StandardCharsets.UTF_8)).contains("\"amount\" : 12.50");
    }

    enum Side { LEDGER, BANK }

    record Measures(double value, double tiny, double huge, double negativeZero, double notANumber, double infinite,
            double smallest) {
    }

    record Everything(String text, String absent, int count, long seed, boolean flag, BigDecimal amount,
            LocalDate date, Side side, java.util.List<Double> frequencies, java.util.Map<String, Measures> byName,
            java.util.Set<String> tags, Measures book, java.util.List<Sample> samples) {
    }

    private static Everything everything() {
        Measures measures = new Measures(0.1 + 0.2, 1e-7, 1e22, -0.0, Double.NaN, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE);
        java.util.Map<String, Measures> byName = new java.util.LinkedHashMap<>();
        byName.put("PF-2", measures);
        byName.put("Zürich \"desk\"", new Measures(-3.5, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0));
        return new Everything("quote \" backslash \\ tab \t newline \n bell \u0007 λ € \uD83D\uDE00", null,
                -7, Long.MIN_VALUE, true, new BigDecimal("1.50E+3"), LocalDate.of(2026, 2, 28), Side.BANK,
                java.util.List.of(0.5, 1e-300, 123456789.0), byName, new java.util.LinkedHashSet<>(java.util.List.of("a", "b")),
                measures, java.util.List.of(new Sample(LocalDate.EPOCH, BigDecimal.ONE, 2.0)));
    }

    @Test
    void aDocumentOfRecords_isWrittenByteForByteAsTheObjectMapperWritesIt() throws Exception {
        Everything document = everything();
        assertThat(RecordTreeWriter.write(document, new java.io.ByteArrayOutputStream())).as("written without the mapper").isTrue();
        assertThat(new String(DocumentJson.bytes(document), StandardCharsets.UTF_8))
                .isEqualTo(new String(DocumentJson.mapperBytes(document), StandardCharsets.UTF_8));
    }

    record Annotated(@com.fasterxml.jackson.annotation.JsonProperty("renamed") String name) {
    }

    record WithGetter(String name) {
        public String getDisplayName() {
            return name.toUpperCase(java.util.Locale.ROOT);
        }
    }

    record KeyedByDate(java.util.Map<LocalDate, Double> values) {
    }

    record Stamped(java.time.Instant at) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record WithoutNulls(String name, String note) {
    }

    enum Renamed {
        @com.fasterxml.jackson.annotation.JsonProperty("first") ONE
    }

    enum Valued {
        ONE;

        @com.fasterxml.jackson.annotation.JsonValue
        String code() {
            return "1";
        }
    }

    @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.NUMBER)
    enum Numbered { ZERO, ONE }

    record Tagged(Enum<?> tag) {
    }

    record Flags(boolean isActive, String getLabel) {
    }

    record Failing(String name) {
        @Override
        public String name() {
            throw new IllegalStateException("no name");
        }
    }

    @Test
    void aRecordWhoseComponentsLookLikeGetters_isWrittenAsTheMapperWritesIt() throws Exception {
        Flags flags = new Flags(true, "x");
        assertThat(DocumentJson.bytes(flags)).isEqualTo(DocumentJson.mapperBytes(flags));
    }

    @Test
    void anAccessorThatFails_failsTheWrite_namingIt() {
        assertThatThrownBy(() -> DocumentJson.bytes(new Failing("a")))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("Failing")
                .hasRootCauseMessage("no name");
    }

    @Test
    void whatTheMapperWritesItsOwnWay_isLeftToTheMapper_andWrittenAsItWritesIt() throws Exception {
        Object[] documents = {new Annotated("a"), new WithGetter("b"),
            new KeyedByDate(java.util.Map.of(LocalDate.EPOCH, 1.0)), new Stamped(java.time.Instant.EPOCH),
            new WithoutNulls("n", null), java.util.Map.of("top", 1.0), new Tagged(Renamed.ONE), new Tagged(Valued.ONE), new Tagged(Numbered.ONE)};
        for (Object document : documents) {
            assertThat(DocumentJson.bytes(document)).as(document.getClass().getSimpleName())
                    .isEqualTo(DocumentJson.mapperBytes(document));
        }
        assertThat(new String(DocumentJson.bytes(documents[0]), StandardCharsets.UTF_8)).contains("\"renamed\"");
        assertThat(new String(DocumentJson.bytes(documents[1]), StandardCharsets.UTF_8)).contains("\"displayName\"");
        for (Object document : documents) {
            assertThat(RecordTreeWriter.write(document, new java.io.ByteArrayOutputStream())).as(document.getClass().getSimpleName()).isFalse();
        }
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
