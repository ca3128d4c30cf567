package com.nightshift.common.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"A", "ACC-1001", "acc_1.2", "..", "-", "0123456789012345678901234567890123456789012345678901234567890123"})
    void accepts_what_the_pattern_matches(String value) {
        assertThat(AccountId.PATTERN.matcher(value).matches()).isTrue();
        assertThat(AccountId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ACC 1", "ACC/1", "Äcc", "ＡＣＣ", "acc\n", "01234567890123456789012345678901234567890123456789012345678901234"})
    void refuses_what_the_pattern_does_not_match_with_the_rule_as_reason(String value) {
        assertThat(AccountId.PATTERN.matcher(value).matches()).isFalse();
        assertThatThrownBy(() -> AccountId.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account '" + value + "' " + AccountId.RULE);
    }
}
