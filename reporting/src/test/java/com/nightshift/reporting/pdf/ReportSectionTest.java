package com.nightshift.reporting.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportSectionTest {

    private static final java.time.LocalDate BUSINESS_DATE = java.time.LocalDate.of(2026, 11, 20);

    @Test
    void test_table_rejectsRowWithWrongCellCount() {
        assertThatThrownBy(() -> ReportSection.table("Breaks", List.of("Account", "Amount"),
                List.of(List.of("ACC-1", "1.00"), List.of("ACC-2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table 'Breaks' row 2 has 1 cells, expected 2");
    }

    @Test
    void test_table_rejectsNullCell() {
        List<String> row = new ArrayList<>();
        row.add(null);

        assertThatThrownBy(() -> ReportSection.table("Breaks", List.of("Account"), List.of(row)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 column 1 is null");
    }

    @Test
    void test_table_copiesRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ACC-1"));
        ReportSection.Table table = ReportSection.table("T", List.of("Account"), rows);

        rows.add(List.of("ACC-2"));

        assertThat(table.rows()).hasSize(1);
    }

    @Test
    void test_keyFigures_keepTheMapOrder() {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Zeta", "1");
        figures.put("Alpha", "2");

        ReportSection.KeyFigures section = ReportSection.keyFigures("", figures);

        assertThat(section.figures()).extracting(KeyFigure::label).containsExactly("Zeta", "Alpha");
    }

    @Test
    void test_keyFigures_rejectsEmptyBlock() {
        assertThatThrownBy(() -> ReportSection.keyFigures("Summary", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key figures section 'Summary' has no figures");
    }

    @Test
    void test_reportDocument_rejectsBlankTitle() {
        assertThatThrownBy(() -> ReportDocument.of(" ", List.of(), BUSINESS_DATE, "run-1", Instant.EPOCH, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("report title is blank");
    }
}
