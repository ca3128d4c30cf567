package com.nightshift.reconciliation.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import com.nightshift.reconciliation.MatchRule;
import com.nightshift.reconciliation.OpenItemCsvCodec;
import com.nightshift.reconciliation.ReconciliationRules;
import com.nightshift.reconciliation.Side;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconciliationDataGeneratorTest {

    private static final ReconciliationDataGenerator.GeneratedSet SET =
            ReconciliationDataGenerator.generate(ReconciliationDataGenerator.Settings.of(11, 30, 80));

    @Test
    void the_same_seed_gives_the_same_data_and_another_seed_other_data() {
        assertThat(ReconciliationDataGenerator.generate(ReconciliationDataGenerator.Settings.of(11, 30, 80)))
                .isEqualTo(SET);
        assertThat(ReconciliationDataGenerator.generate(ReconciliationDataGenerator.Settings.of(12, 30, 80)).ledger())
                .isNotEqualTo(SET.ledger());
    }

    @Test
    void each_account_gets_about_the_asked_number_of_ledger_entries() {
        long accounts = SET.ledger().stream().map(Transaction::account).distinct().count();
        assertThat(accounts).isEqualTo(30);
        assertThat(SET.ledger().size() + SET.openItems().stream().filter(o -> o.side() == Side.LEDGER).count())
                .isBetween(30L * 80, 30L * 95);
    }

    @Test
    void every_entry_is_in_exactly_one_truth_row_and_every_truth_id_exists() {
        List<String> inTruth = new ArrayList<>();
        for (TruthRow row : SET.truth()) {
            row.ledgerIds().forEach(id -> inTruth.add("L" + id));
            row.statementIds().forEach(id -> inTruth.add("S" + id));
        }
        List<String> entries = new ArrayList<>();
        SET.ledger().forEach(t -> entries.add("L" + t.entryId()));
        SET.statements().forEach(t -> entries.add("S" + t.entryId()));
        SET.openItems().forEach(o -> entries.add((o.side() == Side.LEDGER ? "L" : "S") + o.entry().entryId()));
        assertThat(inTruth).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(entries);
    }

    @Test
    void every_case_is_in_the_data() {
        Set<String> outcomes = new HashSet<>();
        SET.truth().forEach(row -> outcomes.add(row.outcome()));
        assertThat(outcomes).containsExactlyInAnyOrder("exact", "tolerance", "aggregate", "unmatched");
        assertThat(SET.truth()).anySatisfy(row -> {
            assertThat(row.rule()).contains(MatchRule.AGGREGATE);
            assertThat(row.ledgerIds()).hasSizeGreaterThan(1);
        });
        assertThat(SET.truth()).anySatisfy(row -> {
            assertThat(row.rule()).contains(MatchRule.AGGREGATE);
            assertThat(row.statementIds()).hasSizeGreaterThan(1);
        });
        assertThat(SET.statements()).anySatisfy(t -> assertThat(t.description()).startsWith("/INV/"));
        assertThat(SET.statements()).anySatisfy(t -> assertThat(t.reference()).matches(".*[\\uFF01-\\uFF5E].*"));
        assertThat(SET.statements()).anySatisfy(t -> assertThat(t.valueDate().getDayOfWeek().getValue()).isGreaterThan(5));
        assertThat(SET.statements()).extracting(t -> t.currency().getCurrencyCode()).hasSizeGreaterThan(1);
        assertThat(SET.openItems()).extracting(o -> o.side()).contains(Side.LEDGER, Side.STATEMENT);
        assertThat(SET.openItems()).allSatisfy(o -> assertThat(o.firstSeen()).isBefore(SET.settings().businessDate()));
    }

    @Test
    void the_files_read_back_to_the_same_data(@TempDir Path dir) throws Exception {
        SET.write(dir);
        try (InputStream in = Files.newInputStream(dir.resolve(ReconciliationDataGenerator.LEDGER_FILE))) {
            var read = new TransactionCsvCodec().readAll(in);
            assertThat(read.rejected()).isEmpty();
            assertThat(read.records()).isEqualTo(SET.ledger());
        }
        try (InputStream in = Files.newInputStream(dir.resolve(ReconciliationDataGenerator.STATEMENT_FILE))) {
            assertThat(new TransactionCsvCodec().readAll(in).records()).isEqualTo(SET.statements());
        }
        try (InputStream in = Files.newInputStream(dir.resolve(ReconciliationDataGenerator.OPEN_ITEMS_FILE))) {
            assertThat(new OpenItemCsvCodec().readAll(in).records()).isEqualTo(SET.openItems());
        }
        try (InputStream in = Files.newInputStream(dir.resolve(ReconciliationDataGenerator.TRUTH_FILE))) {
            assertThat(new TruthCsvCodec().readAll(in).records()).isEqualTo(SET.truth());
        }
    }

    @Test
    void cases_follow_the_rules_they_are_generated_for() {
        var wide = new ReconciliationRules(5, new ReconciliationRules.Tolerance(BigDecimal.ZERO, new BigDecimal("20")),
                new ReconciliationRules.Aggregate(3), ReconciliationRules.defaults().enabled());
        var set = ReconciliationDataGenerator.generate(new ReconciliationDataGenerator.Settings(5, 10, 80,
                ReconciliationDataGenerator.DEFAULT_BUSINESS_DATE, wide));
        assertThat(set.truth()).filteredOn(row -> row.rule().isPresent())
                .allSatisfy(row -> assertThat(row.ledgerIds().size() + row.statementIds().size()).isLessThanOrEqualTo(4));
    }

    @Test
    void settings_are_checked() {
        assertThatThrownBy(() -> ReconciliationDataGenerator.Settings.of(1, 0, 10)).hasMessageContaining("accounts");
        assertThatThrownBy(() -> ReconciliationDataGenerator.Settings.of(1, 1, 0)).hasMessageContaining("ledger entries");
    }

    @Test
    void truth_rows_are_checked() {
        assertThatThrownBy(() -> new TruthRow(List.of("L1"), List.of("S1"), "unmatched")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new TruthRow(List.of("L1"), List.of(), "exact")).hasMessageContaining("both sides");
        assertThatThrownBy(() -> new TruthRow(List.of("L1"), List.of("S1"), "fuzzy")).hasMessageContaining("fuzzy");
    }
}
