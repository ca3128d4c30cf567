package com.nightshift.reconciliation.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccuracyReportTest {

    @Test
    void prints_precision_and_recall_per_rule_and_keeps_the_files_when_asked(@TempDir Path dir) {
        var bytes = new ByteArrayOutputStream();
        int status = ReconciliationDataGenerator.commandLine(new AccuracyReport(new PrintStream(bytes, true,
                StandardCharsets.UTF_8))).execute("--seed=3", "--accounts=4", "--entries-per-account=30",
                "--threads=2", "--work-dir=" + dir);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(out).contains("seed 3: 4 accounts", "exact", "tolerance", "aggregate", "unmatched", "times:");
        assertThat(dir.resolve("results/ACC-00001/manifest.json")).exists();
        assertThat(dir.resolve("truth.csv")).exists();
    }

    @Test
    void cleans_up_its_temporary_folder_and_reads_a_rules_file(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, "{\"valueDateWindowBusinessDays\": 2}");
        var bytes = new ByteArrayOutputStream();
        int status = ReconciliationDataGenerator.commandLine(new AccuracyReport(new PrintStream(bytes, true,
                StandardCharsets.UTF_8))).execute("--accounts=2", "--entries-per-account=20", "--rules=" + rules);
        assertThat(status).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("data set and results in");
    }

    @Test
    void the_generator_writes_a_data_set(@TempDir Path dir) {
        int status = ReconciliationDataGenerator.commandLine(new ReconciliationDataGenerator.GenerateCommand())
                .execute("--accounts=2", "--entries-per-account=10", "--out=" + dir);
        assertThat(status).isZero();
        assertThat(dir.resolve("ledger.csv")).exists();
        assertThat(dir.resolve("open_items.csv")).exists();
    }

    @Test
    void version_is_the_engine_version() {
        var bytes = new ByteArrayOutputStream();
        var line = ReconciliationDataGenerator.commandLine(new AccuracyReport());
        line.setOut(new java.io.PrintWriter(bytes, true, StandardCharsets.UTF_8));
        assertThat(line.execute("--version")).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("development");
    }

    @Test
    void help_is_there() {
        assertThat(ReconciliationDataGenerator.commandLine(new AccuracyReport()).getUsageMessage())
                .contains("--seed", "--accounts", "--entries-per-account", "--rules", "--threads", "--work-dir");
    }
}
