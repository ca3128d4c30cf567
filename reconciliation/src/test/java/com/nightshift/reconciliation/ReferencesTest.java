package com.nightshift.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReferencesTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "INV-2026/0042       | INV20260042",
            "' inv 2026.0042 '   | INV20260042",
            "ＩＮＶ－２０２６     | INV2026",
            "ﬁle 7               | FILE7",
            "Müller & Söhne      | MÜLLERSÖHNE",
            "' - / '             | ''",
            "ABC123              | ABC123"})
    void normalises_to_upper_case_letters_and_digits_of_the_nfkc_form(String text, String normalised) {
        assertThat(References.normalise(text)).isEqualTo(normalised);
    }

    @Test
    void an_already_normalised_text_is_returned_as_is() {
        String reference = "INV20260042";
        assertThat(References.normalise(reference)).isSameAs(reference);
    }

    @Test
    void words_mark_where_words_start_and_where_the_text_ends() {
        References.Words words = References.Words.of("Pay /inv-2026 0042/, ok");
        assertThat(words.text).isEqualTo("PAYINV20260042OK");
        assertThat(words.length()).isEqualTo(16);
        assertThat(words.isBoundary(0)).isTrue();
        assertThat(words.isBoundary(3)).isTrue();
        assertThat(words.isBoundary(4)).isFalse();
        assertThat(words.isBoundary(6)).isTrue();
        assertThat(words.isBoundary(10)).isTrue();
        assertThat(words.isBoundary(14)).isTrue();
        assertThat(words.isBoundary(16)).isTrue();
        assertThat(References.Words.of("").length()).isZero();
        assertThat(References.Words.of("Ｒｅｆ ７").text).isEqualTo("REF7");
    }

    @Test
    void business_days_skip_weekends_and_a_weekend_counts_as_the_monday_after() {
        LocalDate friday = LocalDate.of(2026, 11, 20);
        assertThat(BusinessDays.between(friday, friday.plusDays(3))).isEqualTo(1);
        assertThat(BusinessDays.between(friday, friday.plusDays(1))).isEqualTo(1);
        assertThat(BusinessDays.between(friday.plusDays(1), friday.plusDays(3))).isZero();
        assertThat(BusinessDays.between(friday.plusDays(2), friday.plusDays(3))).isZero();
        assertThat(BusinessDays.between(friday, friday.minusDays(7))).isEqualTo(-5);
        assertThat(BusinessDays.index(LocalDate.of(1970, 1, 5))).isZero();
        assertThat(BusinessDays.index(LocalDate.of(1970, 1, 2))).isEqualTo(-1);
    }
}
