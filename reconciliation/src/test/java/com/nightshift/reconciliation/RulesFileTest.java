package com.nightshift.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesFileTest {

    private static ReconciliationRules read(String json) throws Exception {
        return RulesFile.read("rules.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void an_empty_object_means_every_default() throws Exception {
        assertThat(read("{}")).isEqualTo(ReconciliationRules.defaults());
        assertThat(ReconciliationRules.defaults()).satisfies(r -> {
            assertThat(r.valueDateWindowBusinessDays()).isEqualTo(3);
            assertThat(r.tolerance().absolute()).isEqualByComparingTo("0.01");
            assertThat(r.tolerance().basisPoints()).isZero();
            assertThat(r.aggregate().maxEntries()).isEqualTo(5);
            assertThat(r.enabled()).containsExactly(MatchRule.EXACT, MatchRule.TOLERANCE, MatchRule.AGGREGATE);
        });
    }

    @Test
    void every_field_can_be_set() throws Exception {
        ReconciliationRules rules = read("""
                {
                  "valueDateWindowBusinessDays": 5,
                  "tolerance": { "absolute": 0.05, "basisPoints": 2.5 },
                  "aggregate": { "maxEntries": 8 },
                  "enabled": ["tolerance", "exact"]
                }
                """);
        assertThat(rules).isEqualTo(new ReconciliationRules(5,
                new ReconciliationRules.Tolerance(new BigDecimal("0.05"), new BigDecimal("2.5")),
                new ReconciliationRules.Aggregate(8), EnumSet.of(MatchRule.EXACT, MatchRule.TOLERANCE)));
    }

    @Test
    void a_field_left_out_keeps_its_default() throws Exception {
        ReconciliationRules rules = read("{\"tolerance\": {\"basisPoints\": 10}}");
        assertThat(rules.tolerance().absolute()).isEqualByComparingTo("0.01");
        assertThat(rules.tolerance().basisPoints()).isEqualByComparingTo("10");
        assertThat(rules.valueDateWindowBusinessDays()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"window\": 3}                                  | field 'window' is not known",
            "{\"tolerance\": {\"relative\": 1}}               | field 'tolerance.relative' is not known",
            "{\"aggregate\": {\"max\": 1}}                    | field 'aggregate.max' is not known",
            "{\"valueDateWindowBusinessDays\": \"3\"}          | field 'valueDateWindowBusinessDays' must be a whole number from 0 to 30, found the string \"3\"",
            "{\"valueDateWindowBusinessDays\": 2.5}            | field 'valueDateWindowBusinessDays' must be a whole number from 0 to 30, found 2.5",
            "{\"valueDateWindowBusinessDays\": -1}             | field 'valueDateWindowBusinessDays' must be a whole number from 0 to 30, found -1",
            "{\"valueDateWindowBusinessDays\": 31}             | field 'valueDateWindowBusinessDays' must be a whole number",
            "{\"valueDateWindowBusinessDays\": null}           | field 'valueDateWindowBusinessDays' must be a whole number from 0 to 30, found null",
            "{\"tolerance\": {\"absolute\": -0.01}}            | field 'tolerance.absolute' must be a decimal number of at least 0",
            "{\"tolerance\": {\"absolute\": 0.00001}}          | field 'tolerance.absolute' must be a decimal number of at least 0 with at most 4 fraction digits, found 0.00001",
            "{\"tolerance\": {\"absolute\": \"0.01\"}}         | field 'tolerance.absolute' must be a decimal number",
            "{\"tolerance\": {\"basisPoints\": 1001}}          | field 'tolerance.basisPoints' must be a decimal number of at least 0 and at most 1000",
            "{\"tolerance\": 0.01}                            | field 'tolerance' must be a JSON object, found 0.01",
            "{\"aggregate\": {\"maxEntries\": 1}}              | field 'aggregate.maxEntries' must be a whole number from 2 to 10, found 1",
            "{\"aggregate\": {\"maxEntries\": 11}}             | field 'aggregate.maxEntries' must be a whole number from 2 to 10, found 11",
            "{\"enabled\": \"exact\"}                          | field 'enabled' must be an array of rule names",
            "{\"enabled\": [\"exact\", \"fuzzy\"]}             | field 'enabled[1]' names no rule: 'fuzzy'",
            "{\"enabled\": [\"exact\", \"exact\"]}             | field 'enabled[1]' repeats the rule 'exact'",
            "{\"enabled\": [3]}                               | field 'enabled[0]' must be a rule name",
            "[]                                               | the top level must be a JSON object",
            "{\"aggregate\": {}, \"aggregate\": {}}            | not valid JSON: Duplicate field 'aggregate'",
            "{\"valueDateWindowBusinessDays\": 3,}             | not valid JSON",
            "{} {}                                            | not valid JSON",
            "``                                               | is empty"})
    void a_bad_file_is_an_error_naming_the_file_and_the_field(String json, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(RulesFileException.class)
                .hasMessageStartingWith("rules.json: ")
                .hasMessageContaining(message);
    }

    @Test
    void a_file_on_disk_is_named_by_its_path(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nightly-rules.json");
        Files.writeString(file, "{\"enabled\": [\"aggregate\"]}");
        assertThat(RulesFile.read(file).enabled()).containsExactly(MatchRule.AGGREGATE);
        Files.writeString(file, "{\"enabled\": [\"none\"]}");
        assertThatThrownBy(() -> RulesFile.read(file)).hasMessageStartingWith(file + ": field 'enabled[0]'");
    }

    @Test
    void the_rules_a_manifest_records_read_back_as_a_rules_file() throws Exception {
        ReconciliationRules rules = new ReconciliationRules(4,
                new ReconciliationRules.Tolerance(new BigDecimal("0.02"), new BigDecimal("1.5")),
                new ReconciliationRules.Aggregate(3), EnumSet.of(MatchRule.AGGREGATE, MatchRule.EXACT));
        var manifest = new ReconciliationManifest("ACC-1", Entries.BUSINESS_DATE, java.util.List.of(), rules, "1.0",
                java.util.List.of());
        var bytes = new ByteArrayOutputStream();
        ResultDocuments.writeManifest(manifest, bytes);
        String rulesJson = new ObjectMapper().readTree(bytes.toByteArray()).get("rules").toString();
        assertThat(read(rulesJson)).isEqualTo(rules);
    }

    @Test
    void rules_refuse_bad_values_in_code_too() {
        assertThatThrownBy(() -> new ReconciliationRules.Tolerance(new BigDecimal("-1"), BigDecimal.ZERO))
                .hasMessageContaining("tolerance.absolute");
        assertThatThrownBy(() -> new ReconciliationRules.Tolerance(BigDecimal.ZERO, new BigDecimal("2000")))
                .hasMessageContaining("tolerance.basisPoints");
        assertThatThrownBy(() -> ReconciliationRules.defaults().withValueDateWindowBusinessDays(-1))
                .hasMessageContaining("valueDateWindowBusinessDays");
        assertThatThrownBy(() -> new ReconciliationRules.Aggregate(1)).hasMessageContaining("aggregate.maxEntries");
    }

    @Test
    void tolerance_allows_the_larger_of_the_absolute_amount_and_the_rate() {
        var tolerance = new ReconciliationRules.Tolerance(new BigDecimal("0.01"), new BigDecimal("10"));
        assertThat(tolerance.allows(new BigDecimal("1.00"), new BigDecimal("1.01"))).isTrue();
        assertThat(tolerance.allows(new BigDecimal("1.00"), new BigDecimal("1.02"))).isFalse();
        assertThat(tolerance.allows(new BigDecimal("1000"), new BigDecimal("1001"))).isTrue();
        assertThat(tolerance.allows(new BigDecimal("1000"), new BigDecimal("1001.001"))).isTrue();
        assertThat(tolerance.allows(new BigDecimal("1000"), new BigDecimal("1001.02"))).isFalse();
        assertThat(tolerance.allows(new BigDecimal("-0.001"), new BigDecimal("0.001"))).isFalse();
    }

    @Test
    void io_errors_are_not_rules_errors(@TempDir Path dir) {
        assertThatThrownBy(() -> RulesFile.read(dir.resolve("missing.json"))).isInstanceOf(IOException.class);
    }
}
