package com.nightshift.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.local.NightshiftCli;
import com.nightshift.local.SampleDataSet;

/**
 * {@code nightshift verify} and {@code nightshift replay} on results that {@code reconcile} and {@code var}
 * wrote from the sample night's files: signed results verify, an edited figure does not, and a replay from
 * the inputs the manifest names gives every number again, or names what differs.
 */
class VerifyAndReplayTest {

    private static final SampleDataSet SAMPLE = SampleDataSet.generate(20261120L);
    private static final String KEY = "the-application-secret-key";
    private static final Map<String, String> WITH_KEY = Map.of(ManifestSigner.KEY_VARIABLE, KEY);

    @TempDir
    Path work;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private Path ledger;
    private Path statements;

    @BeforeEach
    void writeSampleFiles() throws IOException {
        for (var file : SAMPLE.files().entrySet()) {
            Path path = work.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        ledger = work.resolve("inbound/ledger/ledger-2026-11-20.csv");
        StringBuilder all = new StringBuilder();
        for (var file : SAMPLE.files().entrySet()) {
            if (file.getKey().startsWith("inbound/statements/")) {
                String text = new String(file.getValue(), StandardCharsets.UTF_8);
                all.append(all.isEmpty() ? text : text.substring(text.indexOf('\n') + 1));
            }
        }
        statements = work.resolve("statements.csv");
        Files.writeString(statements, all);
    }

    private int nightshift(Map<String, String> environment, String... args) {
        var context = new NightshiftCli.Context(work, work.resolve("default-out"), environment,
                new ByteArrayInputStream(new byte[0]), new PrintStream(output, true, StandardCharsets.UTF_8));
        return NightshiftCli.commandLine(context, new PrintStream(errors, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8) + errors.toString(StandardCharsets.UTF_8);
    }

    /** The first account's result.json of a reconcile run, signed when {@code environment} has the key. */
    private Path reconciled(Map<String, String> environment) {
        Path out = work.resolve("recon");
        assertThat(nightshift(environment, "reconcile", "--ledger", ledger.toString(), "--statements",
                statements.toString(), "--out", out.toString())).as(printed()).isZero();
        return out.resolve(SAMPLE.accounts().get(0).account()).resolve("result.json");
    }

    /** var.json of a small run on the sample's prices, signed when {@code environment} has the key. */
    private Path varResult(Map<String, String> environment) {
        Path out = work.resolve("var");
        assertThat(nightshift(environment, "var", "--positions",
                work.resolve("inbound/positions/positions-2026-11-20.csv").toString(), "--prices",
                work.resolve("inbound/market-data/prices-2026-11-20.csv").toString(), "--scenarios", "2000",
                "--method", "antithetic", "--out", out.toString())).as(printed()).isZero();
        return out.resolve("var.json");
    }

    /** Replaces the value of the first {@code "field" : value} in {@code file} by {@code value}; returns the old one. */
    private static String edit(Path file, String field, String value) throws IOException {
        String text = Files.readString(file);
        Matcher m = Pattern.compile("\"" + field + "\" : ([^,\\n]+)").matcher(text);
        assertThat(m.find()).as(field + " in " + file).isTrue();
        Files.writeString(file, text.substring(0, m.start(1)) + value + text.substring(m.end(1)));
        return m.group(1);
    }

    @Test
    void verify_accepts_a_signed_reconciliation_result() {
        Path result = reconciled(WITH_KEY);
        output.reset();

        assertThat(nightshift(WITH_KEY, "verify", result.toString())).as(printed()).isZero();
        assertThat(printed()).contains("signature valid").contains("key id "
                + ManifestSigner.withKey(KEY).keyId());
    }

    @Test
    void verify_accepts_a_signed_var_result_with_the_key_from_a_file() throws IOException {
        Path result = varResult(WITH_KEY);
        Path keyFile = Files.writeString(work.resolve("signing.key"), KEY + "\n");

        assertThat(nightshift(Map.of(), "verify", "--key-file", keyFile.toString(), result.toString()))
                .as(printed()).isZero();
    }

    @Test
    void verify_refuses_a_var_result_whose_var_was_edited_after_signing() throws IOException {
        Path result = varResult(WITH_KEY);
        edit(result, "var99", "1.0");

        assertThat(nightshift(WITH_KEY, "verify", result.toString())).isEqualTo(1);
        assertThat(printed()).contains("INVALID: the content was changed after it was signed");
    }

    @Test
    void verify_refuses_a_reconciliation_result_whose_count_was_edited_after_signing() throws IOException {
        Path result = reconciled(WITH_KEY);
        edit(result, "matched", "0");

        assertThat(nightshift(WITH_KEY, "verify", result.toString())).isEqualTo(1);
        assertThat(printed()).contains("INVALID: the content was changed after it was signed");
    }

    @Test
    void verify_reports_a_result_written_without_a_key_as_not_signed() {
        Path result = reconciled(Map.of());

        assertThat(nightshift(WITH_KEY, "verify", result.toString())).isEqualTo(1);
        assertThat(printed()).contains("NOT SIGNED").doesNotContain("valid");
    }

    @Test
    void verify_with_another_key_names_both_key_ids() {
        Path result = reconciled(WITH_KEY);

        assertThat(nightshift(Map.of(ManifestSigner.KEY_VARIABLE, "another key"), "verify", result.toString()))
                .isEqualTo(1);
        assertThat(printed()).contains("signed with key id " + ManifestSigner.withKey(KEY).keyId())
                .contains("the key given has id " + ManifestSigner.withKey("another key").keyId());
    }

    @Test
    void verify_without_a_key_is_a_usage_error() {
        Path result = reconciled(WITH_KEY);

        assertThat(nightshift(Map.of(), "verify", result.toString())).isEqualTo(2);
        assertThat(printed()).contains("--key-file").contains(ManifestSigner.KEY_VARIABLE);
    }

    @Test
    void verify_names_the_field_of_a_file_that_is_not_a_result() throws IOException {
        Path notResult = Files.writeString(work.resolve("var.json"), "{\"scenarios\": 5}");

        assertThat(nightshift(WITH_KEY, "verify", notResult.toString())).isEqualTo(1);
        assertThat(printed()).contains("is not a VaR result document").contains("missing field");
    }

    @Test
    void replay_of_a_reconciliation_result_gives_every_number_again() {
        Path result = reconciled(WITH_KEY);

        assertThat(nightshift(Map.of(), "replay", result.toString())).as(printed()).isZero();
        assertThat(printed()).contains("2 input(s) found with the manifest's SHA-256").contains("IDENTICAL");
    }

    @Test
    void replay_of_a_var_result_gives_every_number_again_to_the_bit() {
        Path result = varResult(Map.of());

        assertThat(nightshift(Map.of(), "replay", result.toString())).as(printed()).isZero();
        assertThat(printed()).contains("IDENTICAL");
    }

    @Test
    void replay_of_a_var_result_on_an_explicit_market_gives_every_number_again() throws IOException {
        Path market = Files.writeString(work.resolve("market.csv"),
                "factor,spot,vol,rate\nAAPL,190,0.25,0.04\nEURUSD,1.08,0.08,0.04\nUST5Y,0.042,0.2,0.04\n");
        Path corr = Files.writeString(work.resolve("corr.csv"),
                "AAPL,EURUSD,UST5Y\n1,0.2,0.1\n0.2,1,0.05\n0.1,0.05,1\n");
        Path positions = Files.writeString(work.resolve("positions.csv"),
                "position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type\n"
                        + "G-AAPL,PF-GROWTH,EQUITY,1200,AAPL,,,\nG-AAPL-P,PF-GROWTH,OPTION,500,AAPL,180,0.25,PUT\n"
                        + "G-EUR,PF-GROWTH,FX,2000000,EURUSD,,,\nI-UST5Y,PF-INCOME,BOND,3,UST5Y,1000000,5,\n");
        Path out = work.resolve("explicit");
        assertThat(nightshift(Map.of(), "var", "--positions", positions.toString(), "--market", market.toString(),
                "--corr", corr.toString(), "--scenarios", "2000", "--method", "sobol", "--date", "2026-11-27",
                "--out", out.toString())).as(printed()).isZero();

        assertThat(nightshift(Map.of(), "replay", out.resolve("var.json").toString())).as(printed()).isZero();
        assertThat(printed()).contains("3 input(s) found").contains("IDENTICAL");
    }

    @Test
    void replay_of_an_edited_var_names_the_figure_and_both_values() throws IOException {
        Path result = varResult(Map.of());
        String computed = edit(result, "var99", "12345.5");

        assertThat(nightshift(Map.of(), "replay", result.toString())).isEqualTo(1);
        assertThat(printed()).contains("DIFFERENT: 1 field(s) differ")
                .contains("book.var99: 12345.5 in the result, " + computed + " recomputed");
    }

    @Test
    void replay_of_an_edited_reconciliation_names_the_figure() throws IOException {
        Path result = reconciled(Map.of());
        String computed = edit(result, "matched", "0");

        assertThat(nightshift(Map.of(), "replay", result.toString())).isEqualTo(1);
        assertThat(printed()).contains("counts.matched: 0 in the result, " + computed + " recomputed");
    }

    @Test
    void replay_with_a_changed_input_names_it_and_runs_nothing() throws IOException {
        Path result = reconciled(Map.of());
        Files.writeString(statements, Files.readString(statements).replace("-", "+"));

        assertThat(nightshift(Map.of(), "replay", result.toString())).isEqualTo(1);
        assertThat(printed()).contains("input " + statements + ": CHANGED").contains("the manifest says")
                .doesNotContain("running the job again");
    }

    @Test
    void replay_with_a_missing_input_names_it_and_where_it_was_looked_for() throws IOException {
        Path result = varResult(Map.of());
        Path prices = work.resolve("inbound/market-data/prices-2026-11-20.csv");
        Files.delete(prices);

        assertThat(nightshift(Map.of(), "replay", result.toString())).isEqualTo(1);
        assertThat(printed()).contains("input " + prices + ": MISSING: not found (looked at [" + prices);
    }

    @Test
    void replay_finds_inputs_that_moved_in_the_folder_given() throws IOException {
        Path result = reconciled(Map.of());
        Path moved = Files.createDirectories(work.resolve("archive"));
        Files.move(ledger, moved.resolve(ledger.getFileName()));
        Files.move(statements, moved.resolve(statements.getFileName()));

        assertThat(nightshift(Map.of(), "replay", "--inputs", moved.toString(), result.toString())).as(printed()).isZero();
        assertThat(printed()).contains("IDENTICAL");
    }

    @Test
    void verify_and_replay_explain_themselves() {
        assertThat(nightshift(Map.of(), "verify", "--help")).isZero();
        assertThat(nightshift(Map.of(), "replay", "--help")).isZero();
        assertThat(printed()).contains("--key-file").contains("MANIFEST_SIGNING_KEY").contains("--inputs")
                .contains("timings");
    }
}
