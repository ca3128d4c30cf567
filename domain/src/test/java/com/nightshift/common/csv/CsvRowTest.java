package com.nightshift.common.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvRowTest {

    private static CsvRow row(String value) {
        return CsvRow.of(List.of("v"), List.of(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "+1", "12.5", "0.0001", "-000.10", "123456789012345678901234567890.5"})
    void accepts_plain_decimal(String text) throws Exception {
        assertThat(row(text).decimal("v")).isEqualByComparingTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.", ".5", "1e3", "1E+3", "--1", "1,5", "1 000", "NaN", "Infinity", "0x10", "١٢", "+", "-",
            "+-1", "1.2.3", "1.-2", "1.5 ", " 1.5", "１２"})
    void refuses_anything_but_a_plain_decimal(String text) {
        assertThatThrownBy(() -> row(text).decimal("v"))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("v '" + text + "' is not a decimal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20", "2024-02-29"})
    void accepts_iso_date(String text) throws Exception {
        assertThat(row(text).date("v")).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T00:00", "20261120", "2026-1-2", "2025-02-29", "+2026-11-20", "2026-11-20 ",
            "2026-13-01", "2026-00-10", "2026-11-31", "2026-11-00", "2026/11/20", "２０２６-11-20", "2026-1a-20"})
    void refuses_anything_but_an_existing_iso_date(String text) {
        assertThatThrownBy(() -> row(text).date("v")).isInstanceOf(InvalidFieldException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUR", "USD", "JPY", "CHF", "XAU"})
    void accepts_iso_4217_code(String code) throws Exception {
        assertThat(row(code).currency("v").getCurrencyCode()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "USDX", "ＵＳＤ", "U5D", "XYZ"})
    void refuses_anything_but_a_known_iso_4217_code(String code) {
        assertThatThrownBy(() -> row(code).currency("v")).isInstanceOf(InvalidFieldException.class)
                .hasMessage("v '" + code + "' is not an ISO 4217 code");
    }

    @Test
    void accepts_the_first_and_last_dates_of_four_digit_years() throws Exception {
        assertThat(row("0000-01-01").date("v")).isEqualTo(LocalDate.of(0, 1, 1));
        assertThat(row("9999-12-31").date("v")).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @Test
    void asking_for_a_column_the_header_lacks_is_a_programming_error() {
        assertThatThrownBy(() -> row("x").text("other")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void positive_decimal_refuses_zero_and_negatives() throws Exception {
        CsvRow row = CsvRow.of(List.of("a", "b", "c"), List.of("1.5", "0", "-2"));
        assertThat(row.positiveDecimal("a")).isEqualByComparingTo("1.5");
        assertThatThrownBy(() -> row.positiveDecimal("b")).hasMessageContaining("'0' is not positive");
        assertThatThrownBy(() -> row.positiveDecimal("c")).hasMessageContaining("'-2' is not positive");
    }

    @Test
    void decimal_with_a_fraction_limit_refuses_more_digits() throws Exception {
        CsvRow row = CsvRow.of(List.of("a"), List.of("1.234"));
        assertThat(row.decimal("a", 3)).isEqualByComparingTo("1.234");
        assertThatThrownBy(() -> row.decimal("a", 2)).hasMessageContaining("3 fraction digits, at most 2");
    }

    @Test
    void matching_refuses_a_value_outside_the_pattern_with_its_rule() throws Exception {
        CsvRow row = CsvRow.of(List.of("id", "bad"), List.of("PF-1", "PF/1"));
        Pattern pattern = Pattern.compile("[A-Z0-9-]+");
        assertThat(row.matching("id", pattern, "upper case")).isEqualTo("PF-1");
        assertThatThrownBy(() -> row.matching("bad", pattern, "upper case"))
                .hasMessageContaining("upper case");
    }

    @Test
    void rows_with_equal_header_and_fields_are_equal() {
        CsvRow row = CsvRow.of(List.of("a"), List.of("1"));
        assertThat(row).isEqualTo(CsvRow.of(List.of("a"), List.of("1")))
                .hasSameHashCodeAs(CsvRow.of(List.of("a"), List.of("1")))
                .isNotEqualTo(CsvRow.of(List.of("a"), List.of("2")));
        assertThat(row.toString()).isEqualTo("CsvRow[1]");
        assertThat(row.fields()).containsExactly("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.25", "-3", "+1.5", "2.5e-05", "1E+3", "-9.999999999999999778e-01", ".5", "5."})
    void real_accepts_plain_and_scientific_decimal_notation(String text) throws Exception {
        CsvRow row = CsvRow.of(List.of("x"), List.of(text));
        assertThat(row.real("x")).isEqualTo(Double.parseDouble(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "0x1p3", "1,000", "1e", "e5", "1.2.3", "abc", " 1"})
    void real_refuses_anything_but_a_decimal_number(String text) {
        CsvRow row = CsvRow.of(List.of("x"), List.of(text));
        assertThatThrownBy(() -> row.real("x")).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("is not a decimal");
    }

    @Test
    void real_and_decimal_acceptExactlyTheNotationOfTheirDocumentedExpressions() {
        // The expression the hand-written check stands for, as the oracle: every string of up to five
        // characters over the characters that matter, and random longer ones.
        Pattern notation = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
        String alphabet = "07+-.eE x";
        List<String> candidates = new java.util.ArrayList<>(List.of(""));
        for (int length = 1, from = 0; length <= 5; length++) {
            int to = candidates.size();
            for (int i = from; i < to; i++) {
                for (char c : alphabet.toCharArray()) {
                    candidates.add(candidates.get(i) + c);
                }
            }
            from = to;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6, 14); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            candidates.add(text.toString());
        }
        Pattern plain = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
        for (String text : candidates) {
            assertThat(CsvRow.isDecimalNumber(text)).as("'%s'", text).isEqualTo(notation.matcher(text).matches());
            CsvRow row = CsvRow.of(List.of("x"), List.of(text));
            boolean accepted;
            try {
                row.decimal("x");
                accepted = true;
            } catch (InvalidFieldException e) {
                accepted = false;
            }
            assertThat(accepted).as("decimal '%s'", text).isEqualTo(plain.matcher(text).matches());
        }
    }

    @Test
    void real_refuses_a_number_too_large_for_a_double() {
        CsvRow row = CsvRow.of(List.of("x"), List.of("1e999"));
        assertThatThrownBy(() -> row.real("x")).hasMessageContaining("'1e999' is too large for a number");
    }
}
