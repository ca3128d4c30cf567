package com.nightshift.ingestion.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputTypeTest {

    @ParameterizedTest
    @CsvSource({
            "inbound/ledger/gl.csv,             LEDGER",
            "inbound/ledger/2026/11/gl.csv,     LEDGER",
            "inbound/statements/bank-a.csv,     STATEMENT",
            "inbound/positions/eod.csv,         POSITIONS",
            "inbound/market-data/prices.csv,    MARKET_DATA",
    })
    void key_is_routed_by_its_prefix(String key, InputType expected) throws Exception {
        assertThat(InputType.ofKey(key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbound/fx/rates.csv", "ledger/gl.csv", "inbound/ledgers/gl.csv", "Inbound/ledger/gl.csv",
            "inbound/statement/bank.csv", "staged/ledger/A/2026-11-20/x.csv", ""})
    void key_under_no_known_prefix_is_an_unknown_input_type(String key) {
        assertThatThrownBy(() -> InputType.ofKey(key))
                .isInstanceOf(UnknownInputTypeException.class)
                .hasMessageContaining("unknown input type for key '" + key + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbound/ledger/", "inbound/statements/2026/"})
    void folder_key_is_not_an_input(String key) {
        assertThatThrownBy(() -> InputType.ofKey(key))
                .isInstanceOf(UnknownInputTypeException.class)
                .hasMessageContaining("names a folder");
    }

    @ParameterizedTest
    @CsvSource({
            "LEDGER,      staged/ledger/",
            "STATEMENT,   staged/statement/",
            "POSITIONS,   staged/positions/",
            "MARKET_DATA, staged/market-data/",
    })
    void each_type_stages_under_its_contract_prefix(InputType type, String prefix) {
        assertThat(type.stagedPrefix()).isEqualTo(prefix);
    }
}
