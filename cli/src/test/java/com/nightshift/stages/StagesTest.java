package com.nightshift.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.local.NightshiftCli;
import com.nightshift.local.SampleDataSet;

/** The one-stage commands on the sample night's files give the sample's known truth. */
class StagesTest {

    private static final SampleDataSet SAMPLE = SampleDataSet.generate(20261120L);

    @TempDir
    Path work;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    @BeforeEach
    void writeSampleFiles() throws IOException {
        for (var file : SAMPLE.files().entrySet()) {
            Path path = work.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        // One statement file for all accounts, as a bank might send.
        StringBuilder statements = new StringBuilder();
        for (var file : SAMPLE.files().entrySet()) {
            if (file.getKey().startsWith("inbound/statements/")) {
                String text = new String(file.getValue(), StandardCharsets.UTF_8);
                statements.append(statements.isEmpty() ? text : text.substring(text.indexOf('\n') + 1));
            }
        }
        Files.writeString(work.resolve("statements.csv"), statements);
    }

    /** {@code bin/nightshift ARGS}, as a user types it; the exit status. */
    private int nightshift(String... args) {
        var context = new NightshiftCli.Context(work, work.resolve("default-out"), Map.of(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(output, true, StandardCharsets.UTF_8));
        return NightshiftCli.commandLine(context, new PrintStream(errors, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String errors() {
        return errors.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(Path file) throws IOException {
        return JsonCodec.tree(Files.readAllBytes(file));
    }

    @Test
    void reconcile_gives_each_account_its_known_counts() throws IOException {
        int status = nightshift("reconcile", "--ledger", work.resolve("inbound/ledger/ledger-2026-11-20.csv").toString(),
                "--statements", work.resolve("statements.csv").toString(), "--out", work.resolve("out").toString());

        assertThat(status).as(errors()).isZero();
        for (SampleDataSet.AccountTruth truth : SAMPLE.accounts()) {
            Path account = work.resolve("out/" + truth.account());
            assertThat(rows(account.resolve("matches.csv"))).as(truth.account()).isEqualTo(truth.matched());
            assertThat(rows(account.resolve("unmatched_ledger.csv"))).as(truth.account()).isEqualTo(truth.unmatchedLedger());
            assertThat(rows(account.resolve("unmatched_statement.csv"))).as(truth.account()).isEqualTo(truth.unmatchedStatement());
            assertThat(account.resolve("summary.json")).isRegularFile();
            assertThat(account.resolve("manifest.json")).isRegularFile();
            assertThat(account.resolve("result.json")).isRegularFile();
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("2 rejected").contains("matched: 108 exact");
        assertThat(work.resolve("out/rejects")).isDirectory();
    }

    @Test
    void reconcile_takes_several_statement_files_as_one_set() throws IOException {
        List<String> statements = SAMPLE.files().keySet().stream().filter(k -> k.startsWith("inbound/statements/"))
                .map(k -> work.resolve(k).toString()).sorted().toList();

        int status = nightshift("reconcile", "--ledger", work.resolve("inbound/ledger/ledger-2026-11-20.csv").toString(),
                "--statements", String.join(",", statements), "--out", work.resolve("split").toString());

        assertThat(status).as(errors()).isZero();
        assertThat(rows(work.resolve("split/ACC-1001/matches.csv"))).isEqualTo(SAMPLE.accounts().getFirst().matched());
    }

    private static long rows(Path csv) throws IOException {
        try (var lines = Files.lines(csv)) {
            return lines.count() - 1;
        }
    }

    @Test
    void var_gives_the_same_numbers_for_the_same_inputs_and_seed() throws IOException {
        for (String run : List.of("first", "second")) {
            assertThat(nightshift("var", "--positions", work.resolve("inbound/positions/positions-2026-11-20.csv").toString(),
                    "--prices", work.resolve("inbound/market-data/prices-2026-11-20.csv").toString(),
                    "--scenarios", "2000", "--out", work.resolve(run).toString())).as(errors()).isZero();
        }
        JsonNode first = json(work.resolve("first/var.json"));
        JsonNode second = json(work.resolve("second/var.json"));
        assertThat(first.path("scenarios").asInt()).isEqualTo(2000);
        for (String portfolio : SAMPLE.portfolios()) {
            JsonNode measures = first.path("portfolios").path(portfolio);
            assertThat(measures.path("var99").asDouble()).as(portfolio).isPositive()
                    .isEqualTo(second.path("portfolios").path(portfolio).path("var99").asDouble());
            assertThat(measures.path("es99").asDouble()).isGreaterThanOrEqualTo(measures.path("var99").asDouble());
            assertThat(work.resolve("first/" + portfolio + "/result.json")).exists();
        }
    }

    @Test
    void var_leaves_no_thread_that_would_keep_the_process_alive() throws Exception {
        // NightshiftCli.main returns after a successful var rather than calling System.exit: only daemon threads
        // may outlive the run, or the process would not end.
        java.util.Set<Thread> before = nonDaemonThreads();
        VarStage.prepareInBackground();
        assertThat(nightshift("var", "--positions", work.resolve("inbound/positions/positions-2026-11-20.csv").toString(),
                "--prices", work.resolve("inbound/market-data/prices-2026-11-20.csv").toString(),
                "--scenarios", "2000", "--out", work.resolve("threads").toString())).as(errors()).isZero();

        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        java.util.Set<Thread> left = nonDaemonThreads();
        left.removeAll(before);
        while (!left.isEmpty() && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            left = nonDaemonThreads();
            left.removeAll(before);
        }
        assertThat(left).as("threads a var run left running").isEmpty();
    }

    private static java.util.Set<Thread> nonDaemonThreads() {
        java.util.Set<Thread> threads = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(thread -> thread.isDaemon() || !thread.isAlive());
        return threads;
    }

    @Test
    void var_with_an_explicit_market_refuses_a_correlation_that_is_not_positive_definite_unless_repair_is_asked()
            throws IOException {
        Path positions = Files.writeString(work.resolve("positions.csv"),
                "position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type\n"
                        + "E1,PF-1,EQUITY,100,AAA,,,\nO1,PF-1,OPTION,-10,BBB,50,0.5,PUT\n");
        Path market = Files.writeString(work.resolve("market.csv"),
                "factor,spot,vol,rate\nAAA,100,0.2,0.03\nBBB,50,0.3,0.03\nCCC,20,0.1,0.03\n");
        Path corr = Files.writeString(work.resolve("corr.csv"), "AAA,BBB,CCC\n1,0.9,-0.9\n0.9,1,0.9\n-0.9,0.9,1\n");
        String[] run = {"var", "--positions", positions.toString(), "--market", market.toString(), "--corr",
                corr.toString(), "--scenarios", "2000", "--method", "sobol", "--date", "2026-11-27", "--out",
                work.resolve("explicit").toString()};

        assertThat(nightshift(run)).isEqualTo(1);
        assertThat(errors()).contains("corr.csv").contains("not positive definite");

        String[] repaired = java.util.Arrays.copyOf(run, run.length + 1);
        repaired[run.length] = "--repair-correlation";
        assertThat(nightshift(repaired)).as(errors()).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("repaired, largest change")
                .contains("2,000 scenarios (sobol, lognormal)").contains("business date 2026-11-27");
        JsonNode var = json(work.resolve("explicit/var.json"));
        assertThat(var.path("manifest").path("correlationRepaired").asBoolean()).isTrue();
        assertThat(var.path("portfolios").path("PF-1").path("var99").asDouble()).isPositive();
    }

    private static String pdfText(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static String count(long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }

    private static String money(double value) {
        return String.format(java.util.Locale.ROOT, "%,.2f", value);
    }

    @Test
    void report_renders_the_reconciliation_report_of_reconcile_results_with_each_accounts_figures() throws Exception {
        assertThat(nightshift("reconcile", "--ledger", work.resolve("inbound/ledger/ledger-2026-11-20.csv").toString(),
                "--statements", work.resolve("statements.csv").toString(), "--out", work.resolve("out").toString()))
                .as(errors()).isZero();

        assertThat(nightshift("report", "--input", work.resolve("out").toString(), "--out",
                work.resolve("recon.pdf").toString())).as(errors()).isZero();

        String text = pdfText(work.resolve("recon.pdf"));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("report reconciliation-2026-11-20 written to");
        assertThat(text).contains("Reconciliation 2026-11-20")
                .contains("Business date 2026-11-20, " + SAMPLE.accounts().size() + " accounts");
        for (SampleDataSet.AccountTruth truth : SAMPLE.accounts()) {
            Path file = work.resolve("out/" + truth.account() + "/result.json");
            com.nightshift.reconciliation.ReconciliationDocument result;
            try (var in = Files.newInputStream(file)) {
                result = com.nightshift.reconciliation.ReconciliationDocument.read(file.toString(), in);
            }
            var counts = result.counts();
            assertThat(counts.matched()).as(truth.account()).isEqualTo(truth.matched());
            assertThat(counts.unmatchedLedger()).as(truth.account()).isEqualTo(truth.unmatchedLedger());
            long withDifference = result.matches().stream()
                    .filter(m -> new java.math.BigDecimal(m.difference()).signum() != 0).count();
            String row = String.join(" ", truth.account(), count(counts.ledgerRows()), count(counts.statementRows()),
                    count(counts.matchedByRule().get("exact")), count(counts.matchedByRule().get("tolerance")),
                    count(counts.matchedByRule().get("aggregate")), count(withDifference),
                    count(truth.unmatchedLedger()), count(truth.unmatchedStatement()));
            assertThat(text).as(truth.account()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(row) + "\\s*$");
            for (var total : result.totals()) {
                assertThat(text).contains(truth.account() + " " + total.currency() + " "
                        + com.nightshift.reporting.Figures.amount(total.ledger()) + " "
                        + com.nightshift.reporting.Figures.amount(total.statement()));
            }
            for (var open : result.unmatchedLedger()) {
                assertThat(text).contains(open.entryId() + " " + open.reference());
            }
        }
    }

    @Test
    void report_renders_the_risk_report_of_var_json_with_the_backtest_beside_it() throws Exception {
        Path run = work.resolve("risk");
        assertThat(nightshift("var", "--positions", work.resolve("inbound/positions/positions-2026-11-20.csv").toString(),
                "--prices", work.resolve("inbound/market-data/prices-2026-11-20.csv").toString(),
                "--scenarios", "1000", "--out", run.toString())).as(errors()).isZero();
        StringBuilder pnl = new StringBuilder("date,pnl\n");
        StringBuilder var = new StringBuilder("date,var\n");
        for (int day = 1; day <= 20; day++) {
            String date = java.time.LocalDate.of(2026, 10, 1).plusDays(day).toString();
            pnl.append(date).append(',').append(day == 5 ? "-150" : "10").append('\n');
            var.append(date).append(",100\n");
        }
        Files.writeString(work.resolve("pnl.csv"), pnl);
        Files.writeString(work.resolve("var.csv"), var);
        assertThat(nightshift("backtest", "--pnl", work.resolve("pnl.csv").toString(), "--var",
                work.resolve("var.csv").toString(), "--out", run.resolve("backtest.json").toString())).as(errors()).isZero();

        assertThat(nightshift("report", "--input", run.toString(), "--out", work.resolve("risk.pdf").toString()))
                .as(errors()).isZero();

        com.nightshift.risk.var.VarReport result;
        try (var in = Files.newInputStream(run.resolve("var.json"))) {
            result = com.nightshift.risk.var.VarPipeline.readReport(in);
        }
        String text = pdfText(work.resolve("risk.pdf"));
        var book = result.book();
        assertThat(text).contains("Market risk 2026-11-20").containsPattern("(?m)^" + java.util.regex.Pattern.quote(
                String.join(" ", "Book", money(book.value()), money(book.var99()), money(book.var99StdError()),
                        money(book.es99()), money(book.es99StdError()))) + "\\s*$");
        for (String portfolio : SAMPLE.portfolios()) {
            var m = result.portfolios().get(portfolio);
            assertThat(text).contains(String.join(" ", portfolio, money(m.value()), money(m.var95()),
                    money(m.var95StdError()), money(m.es95()), money(m.es95StdError())));
            assertThat(text).contains(portfolio + " " + money(result.components().get(portfolio).var95()));
        }
        assertThat(text).contains("Seed: 20261120").contains("Traffic light (VaR 99%) GREEN: 1 exception in the last 20 days (fewer than 250 days)");
    }

    @Test
    void report_renders_the_night_summary_of_a_night_json() throws Exception {
        Path folder = Files.createDirectories(work.resolve("night"));
        java.time.LocalDate date = java.time.LocalDate.of(2026, 11, 20);
        Files.write(folder.resolve("night.json"), com.nightshift.reporting.NightSummary.write(
                new com.nightshift.reporting.NightSummary(date, List.of(new com.nightshift.reporting.NightSummary.Event(
                        "ledger/ACC-1001/2026-11-20/ledger.csv", java.time.Instant.parse("2026-11-20T23:00:00Z"))),
                        List.of(), List.of())));

        assertThat(nightshift("report", "--input", folder.toString(), "--out", work.resolve("night.pdf").toString()))
                .as(errors()).isZero();

        assertThat(pdfText(work.resolve("night.pdf"))).contains("Night summary 2026-11-20")
                .contains("Monday 2026-11-23 09:30 EST").contains("ledger/ACC-1001/2026-11-20/ledger.csv");
    }

    @Test
    void report_with_a_preview_also_writes_the_first_page_as_a_png() throws Exception {
        Path folder = Files.createDirectories(work.resolve("night-preview"));
        Files.write(folder.resolve("night.json"), com.nightshift.reporting.NightSummary.write(
                new com.nightshift.reporting.NightSummary(java.time.LocalDate.of(2026, 11, 20), List.of(), List.of(),
                        List.of())));

        assertThat(nightshift("report", "--input", folder.toString(), "--out", work.resolve("n.pdf").toString(),
                "--preview", work.resolve("pictures/n.png").toString())).as(errors()).isZero();

        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(work.resolve("pictures/n.png").toFile());
        assertThat(image.getWidth()).isBetween(826, 828);
        assertThat(image.getHeight()).isBetween(1169, 1171);
    }

    @Test
    void report_of_a_result_with_a_renamed_field_fails_naming_the_file_and_the_field() throws IOException {
        nightshift("reconcile", "--ledger", work.resolve("inbound/ledger/ledger-2026-11-20.csv").toString(),
                "--statements", work.resolve("statements.csv").toString(), "--out", work.resolve("out").toString());
        Path result = work.resolve("out/ACC-1001/result.json");
        Files.writeString(result, Files.readString(result).replace("\"unmatchedLedger\" :", "\"openLedger\" :"));

        assertThat(nightshift("report", "--input", work.resolve("out").toString(), "--out",
                work.resolve("r.pdf").toString())).isEqualTo(1);
        assertThat(errors()).contains(result.toString()).contains("missing field 'counts.unmatchedLedger'");
    }

    @Test
    void a_missing_input_file_fails_naming_the_option_and_the_file() {
        int status = nightshift("reconcile", "--ledger", work.resolve("nope.csv").toString(),
                "--statements", work.resolve("statements.csv").toString());

        assertThat(status).isEqualTo(1);
        assertThat(errors()).contains("nightshift reconcile failed").contains("--ledger").contains("nope.csv");
    }

    @Test
    void an_unknown_option_is_a_usage_error_showing_the_accepted_ones() {
        int status = nightshift("var", "--positions", "p.csv", "--prices", "q.csv", "--portfolio", "x");

        assertThat(status).as(errors()).isEqualTo(2);
        assertThat(errors()).contains("--portfolio").contains("--positions");
    }

    @Test
    void a_seed_beyond_32_bits_is_accepted_as_the_service_accepts_it() {
        int status = nightshift("var", "--positions", work.resolve("inbound/positions/positions-2026-11-20.csv").toString(),
                "--prices", work.resolve("inbound/market-data/prices-2026-11-20.csv").toString(),
                "--scenarios", "500", "--seed", "9007199254740993", "--out", work.resolve("long-seed").toString());

        assertThat(status).as(errors()).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("seed 9007199254740993");
    }

    @Test
    void a_folder_with_nothing_to_report_is_refused_saying_what_it_looks_for() throws IOException {
        Path folder = Files.createDirectories(work.resolve("other"));
        Files.writeString(folder.resolve("other.json"), "{\"hello\":1}");

        assertThat(nightshift("report", "--input", folder.toString(), "--out", work.resolve("x.pdf").toString()))
                .isEqualTo(1);
        assertThat(errors()).contains("holds nothing to report").contains("var.json").contains("night.json");
    }

    @Test
    void every_command_explains_itself_with_help() {
        for (String command : List.of("local", "reconcile", "var", "backtest", "report", "destroy", "accuracy")) {
            output.reset();

            assertThat(nightshift(command, "--help")).as(command).isZero();
            assertThat(output.toString(StandardCharsets.UTF_8)).as(command).contains("Usage: nightshift " + command);
        }
    }
}
