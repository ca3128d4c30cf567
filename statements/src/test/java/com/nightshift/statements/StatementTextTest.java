package com.nightshift.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.InvalidFieldException;
import com.nightshift.common.transaction.AccountId;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTextTest {

    @Test
    void characters_outside_the_account_charset_become_one_dash_and_vanish_at_the_ends() throws Exception {
        assertThat(StatementText.account(":25:", "12345678/0123456789")).isEqualTo(AccountId.of("12345678-0123456789"));
        assertThat(StatementText.account(":25:", " NL84RABO0121212121 EUR ")).isEqualTo(AccountId.of("NL84RABO0121212121-EUR"));
        assertThat(StatementText.account(":25:", "BILLLULLXXX/\"NUMERO 2\"")).isEqualTo(AccountId.of("BILLLULLXXX-NUMERO-2"));
        assertThat(StatementText.account(":25:", "1291.99.348EUR")).isEqualTo(AccountId.of("1291.99.348EUR"));
        assertThat(StatementText.account(":25:", "-ACC-")).isEqualTo(AccountId.of("-ACC-"));
    }

    @Test
    void an_account_with_nothing_left_or_too_long_is_refused_with_the_field_named() {
        assertThatThrownBy(() -> StatementText.account(":25:", "///")).isInstanceOf(InvalidFieldException.class)
                .hasMessage(":25: (account) '///' gives '', which must be 1 to 64 characters from [A-Za-z0-9._-]");
        assertThatThrownBy(() -> StatementText.account(":25:", "A".repeat(65))).isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> StatementText.account(":25:", " ")).isInstanceOf(InvalidFieldException.class)
                .hasMessage(":25: (account) is missing");
    }

    @Test
    void descriptions_are_one_line_without_control_characters_and_bounded() {
        assertThat(StatementText.description(List.of(" a\tb ", "c\u0001\n d"))).isEqualTo("a b c d");
        assertThat(StatementText.description(List.of("x".repeat(1200)))).hasSize(StatementText.MAX_DESCRIPTION);
    }
}
