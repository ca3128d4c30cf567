package com.nightshift.reconciliation.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nightshift.reconciliation.MatchRule;
import com.nightshift.reconciliation.Reconciliation;
import com.nightshift.reconciliation.ReconciliationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine against a generated ground truth: 50 accounts of about 100 ledger entries each (some 5,000
 * entries a side, every case of the generator), at the accuracy the engine promises.
 */
class AccuracyTest {

    private static Accuracy accuracy;

    @BeforeAll
    static void reconcile() {
        var set = ReconciliationDataGenerator.generate(ReconciliationDataGenerator.Settings.of(20261120, 50, 100));
        ReconciliationResult result = Reconciliation.run(set.ledger(), set.statements(), set.openItems(),
                set.settings().rules(), set.settings().businessDate());
        accuracy = Accuracy.measure(set.truth(), result);
    }

    @Test
    void the_data_set_exercises_every_rule() {
        assertThat(accuracy.of(MatchRule.EXACT).expected()).isGreaterThan(1000);
        assertThat(accuracy.of(MatchRule.TOLERANCE).expected()).isGreaterThan(400);
        assertThat(accuracy.of(MatchRule.AGGREGATE).expected()).isGreaterThan(200);
        assertThat(accuracy.unmatched().expected()).isGreaterThan(500);
    }

    @Test
    void exact_has_full_precision_and_recall() {
        assertThat(accuracy.of(MatchRule.EXACT).precision()).isEqualTo(1.0);
        assertThat(accuracy.of(MatchRule.EXACT).recall()).isEqualTo(1.0);
    }

    @Test
    void tolerance_recall_is_at_least_99_5_percent() {
        assertThat(accuracy.of(MatchRule.TOLERANCE).recall()).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void aggregate_recall_is_at_least_99_5_percent() {
        assertThat(accuracy.of(MatchRule.AGGREGATE).recall()).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void overall_precision_is_at_least_99_9_percent() {
        assertThat(accuracy.all().precision()).isGreaterThanOrEqualTo(0.999);
    }

    @Test
    void the_report_prints_a_line_per_rule() {
        assertThat(AccuracyReport.table(accuracy).lines()).hasSize(6)
                .anySatisfy(line -> assertThat(line).startsWith("exact").contains("100.000%"));
    }
}
