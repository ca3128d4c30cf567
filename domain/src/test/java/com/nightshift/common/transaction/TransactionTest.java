package com.nightshift.common.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionTest {

    private static Transaction withAmount(BigDecimal amount) {
        return Transaction.of("E1", AccountId.of("A"), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20),
                amount, Currency.getInstance("EUR"), "", "", "");
    }

    @Test
    void of_rejects_amount_with_five_fraction_digits() {
        assertThatThrownBy(() -> withAmount(new BigDecimal("1.00000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount '1.00000' has 5 fraction digits, at most 4 allowed");
    }

    @Test
    void of_writes_exponent_amounts_plainly() {
        assertThat(withAmount(new BigDecimal("1E+3")).amount().toPlainString()).isEqualTo("1000");
    }

    @Test
    void of_rejects_empty_entry_id() {
        assertThatThrownBy(() -> Transaction.of("", AccountId.of("A"), LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 20), BigDecimal.ONE, Currency.getInstance("EUR"), "", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry_id is empty");
    }

    @Test
    void of_rejects_null_component() {
        assertThatThrownBy(() -> Transaction.of("E1", AccountId.of("A"), LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 20), BigDecimal.ONE, Currency.getInstance("EUR"), null, "", ""))
                .isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a/b", "ä", "a\n"})
    void account_id_rejects_characters_outside_the_rule(String value) {
        assertThatThrownBy(() -> AccountId.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void account_id_prints_as_its_value() {
        assertThat(AccountId.of("ACC-1")).hasToString("ACC-1");
    }
}
