package com.nightshift.recon.engine;

import static com.nightshift.recon.engine.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExactMatchRuleTest {

    private final ExactMatchRule rule = new ExactMatchRule();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "INV-42         | INV42",
            "inv 42         | INV42",
            "\" Inv/42. \"  | INV42",
            "a_b-c.d        | ABCD",
            "straße 1       | STRASSE1",
            "\"\"           | \"\"",
            "--//           | \"\"",
    })
    void normalised_reference_is_uppercase_letters_and_digits_only(String reference, String normalised) {
        assertThat(ExactMatchRule.normaliseReference(reference)).isEqualTo(normalised);
    }

    @Test
    void rows_with_equal_currency_amount_and_normalised_reference_match() {
        List<MatchedPair> pairs = rule.pair(List.of(row("L1", "100.00", "INV-42")), List.of(row("S1", "100.00", "inv 42")));
        assertThat(pairs).singleElement().satisfies(p -> {
            assertThat(p.ledgerEntryId()).isEqualTo("L1");
            assertThat(p.statementEntryId()).isEqualTo("S1");
            assertThat(p.rule()).isEqualTo("exact");
            assertThat(p.amountDifference()).isZero();
        });
    }

    @Test
    void amounts_match_by_value_not_by_scale() {
        assertThat(rule.pair(List.of(row("L1", "10.5", "R")), List.of(row("S1", "10.5000", "R")))).hasSize(1);
    }

    @Test
    void different_amount_does_not_match() {
        assertThat(rule.pair(List.of(row("L1", "10.00", "R")), List.of(row("S1", "10.01", "R")))).isEmpty();
    }

    @Test
    void opposite_sign_does_not_match() {
        assertThat(rule.pair(List.of(row("L1", "10", "R")), List.of(row("S1", "-10", "R")))).isEmpty();
    }

    @Test
    void different_currency_does_not_match() {
        assertThat(rule.pair(List.of(row("L1", "10", "EUR", "R")), List.of(row("S1", "10", "USD", "R")))).isEmpty();
    }

    @Test
    void different_normalised_reference_does_not_match() {
        assertThat(rule.pair(List.of(row("L1", "10", "INV-42")), List.of(row("S1", "10", "INV-43")))).isEmpty();
    }

    @Test
    void different_account_does_not_match() {
        Transaction other = Transaction.of("S1", AccountId.of("ACC-2"), Rows.DATE, Rows.DATE, BigDecimal.TEN,
                Currency.getInstance("EUR"), "", "R", "");
        assertThat(rule.pair(List.of(row("L1", "10", "R")), List.of(other))).isEmpty();
    }

    @Test
    void counterparty_description_and_value_date_do_not_affect_the_match() {
        Transaction statement = Transaction.of("S1", Rows.ACCOUNT, Rows.DATE, Rows.DATE.plusDays(2), BigDecimal.TEN,
                Currency.getInstance("EUR"), "Someone else", "R", "other text");
        assertThat(rule.pair(List.of(row("L1", "10", "R")), List.of(statement))).hasSize(1);
    }

    @Test
    void duplicate_statement_rows_pair_off_one_to_one() {
        List<MatchedPair> pairs = rule.pair(
                List.of(row("L1", "10", "R")),
                List.of(row("S2", "10", "R"), row("S1", "10", "R")));
        assertThat(pairs).extracting(MatchedPair::statementEntryId).containsExactly("S1");
    }

    @Test
    void duplicates_on_both_sides_pair_off_in_entry_id_order() {
        List<MatchedPair> pairs = rule.pair(
                List.of(row("L3", "10", "R"), row("L1", "10", "R"), row("L2", "10", "R")),
                List.of(row("S2", "10", "R"), row("S1", "10", "R")));
        assertThat(pairs).extracting(p -> p.ledgerEntryId() + "=" + p.statementEntryId())
                .containsExactly("L1=S1", "L2=S2");
    }
}
