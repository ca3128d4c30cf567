package com.nightshift.ingestion.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceIdTest {

    @ParameterizedTest
    @CsvSource({
            "inbound/ledger/gl-2026-11-20.csv,          ledger~gl-2026-11-20",
            "inbound/statements/bank-a/2026-11-20.csv,  statements~bank-a~2026-11-20",
            "inbound/positions/eod.CSV,                 positions~eod",
            "inbound/market-data/prices.2026.csv,       market-data~prices.2026",
            "inbound/ledger/no-extension,               ledger~no-extension",
            "inbound/ledger/v1.2/gl,                    ledger~v1.2~gl",
            "inbound/ledger/.csv,                       ledger~.csv",
    })
    void source_id_is_the_key_without_inbound_with_tildes_and_no_extension(String key, String expected) {
        assertThat(SourceId.fromInboundKey(key).value()).isEqualTo(expected);
    }

    @Test
    void same_key_always_gives_the_same_source_id() {
        assertThat(SourceId.fromInboundKey("inbound/ledger/gl.csv"))
                .isEqualTo(SourceId.fromInboundKey("inbound/ledger/gl.csv"));
    }

    @Test
    void rejects_and_summary_keys_follow_the_contract() {
        SourceId id = SourceId.fromInboundKey("inbound/ledger/gl.csv");
        assertThat(id.rejectsKey()).isEqualTo("rejects/ledger~gl.csv");
        assertThat(id.summaryKey()).isEqualTo("ingested/ledger~gl.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger/gl.csv", "inbound/", "inbound/ledger/"})
    void key_that_is_not_an_inbound_file_has_no_source_id(String key) {
        assertThatThrownBy(() -> SourceId.fromInboundKey(key)).isInstanceOf(IllegalArgumentException.class);
    }
}
