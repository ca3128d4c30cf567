package com.nightshift.stages;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.InputSource;
import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.reconciliation.AccountReconciliation;
import com.nightshift.reconciliation.MatchRule;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.reconciliation.ReconciliationPipeline;
import com.nightshift.reconciliation.ReconciliationPipeline.Ageing;
import com.nightshift.reconciliation.ReconciliationRules;
import com.nightshift.risk.var.ReturnModel;
import com.nightshift.risk.var.Revaluation;
import com.nightshift.risk.var.SamplingMethod;
import com.nightshift.risk.var.VarEngine;
import com.nightshift.risk.var.VarManifest;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;
import com.nightshift.risk.var.VarSettings;

/**
 * {@code nightshift replay RESULT}: runs the job of a reconciliation {@code result.json} or a VaR
 * {@code var.json} again from the input files its manifest names, through the same pipeline with the same
 * parameters and seed, and tells whether every number is identical to the bit.
 *
 * <ol>
 *   <li>Each input the manifest names is looked for as given, then under {@code --inputs DIR}, then
 *       relative to the result's folder and each folder above it; its SHA-256 must be the manifest's. A
 *       missing or changed input is reported by name, and nothing is run.
 *   <li>The job runs again: {@link ReconciliationPipeline} with the rules, business date and ageing of
 *       the manifest, or {@link VarPipeline} and {@link VarEngine} with the report's settings and seed.
 *   <li>The recomputed document's canonical bytes are compared with the result's, field by field, and
 *       the first differences are printed. Left out of the comparison, because they legitimately differ
 *       between two runs of the same inputs: the signature, the code version (printed when it differs),
 *       and a reconciliation's {@code manifest.createdAt} and a VaR run's {@code timings} (wall-clock).
 * </ol>
 * Results of the services name staged S3 objects; this command replays results written from local files
 * ({@code nightshift reconcile} and {@code nightshift var}).
 */
public final class ReplayStage {

    /** How many differences are printed; the count of all of them is printed too. */
    static final int SHOWN_DIFFERENCES = 10;

    private ReplayStage() {
    }

    /**
     * Replays {@code result} and prints what was found.
     *
     * @param inputs another folder to look for the inputs in
     * @return whether every input was found unchanged and every number is identical
     */
    public static boolean run(Path result, Optional<Path> inputs, PrintStream console) throws IOException {
        ResultFile file = ResultFile.read(result);
        return switch (file) {
            case ResultFile.Reconciliation r -> replay(r, inputs, console);
            case ResultFile.Var v -> replay(v, inputs, console);
        };
    }

    private static boolean replay(ResultFile.Reconciliation file, Optional<Path> inputsDir, PrintStream console)
            throws IOException {
        ReconciliationDocument original = file.document();
        ResultManifest manifest = original.manifest();
        Map<String, String> parameters = manifest.parameters();
        int ledgers = count(parameters, ReconcileStage.LEDGER_INPUTS, manifest.inputs().size());
        int statements = count(parameters, ReconcileStage.STATEMENT_INPUTS, manifest.inputs().size() - ledgers);
        Ageing ageing = Ageing.valueOf(parameter(parameters, ReconcileStage.AGEING));
        List<String> names = manifest.inputs().stream().map(InputObject::key).toList();
        List<String> hashes = manifest.inputs().stream().map(InputObject::sha256).toList();
        Optional<List<InputSource>> sources = sources(file.path(), names, hashes, inputsDir, console);
        if (sources.isEmpty()) {
            return false;
        }
        List<InputSource> all = sources.get();
        ReconciliationRules rules = rules(parameters);
        LocalDate date = LocalDate.parse(parameter(parameters, "businessDate"));
        ReconciliationPipeline.Outcome outcome;
        try {
            outcome = ReconciliationPipeline.run(all.subList(0, ledgers), all.subList(ledgers, ledgers + statements),
                    all.subList(ledgers + statements, all.size()), rules, Optional.of(date), ageing,
                    name -> OutputStream.nullOutputStream(), Runtime.getRuntime().availableProcessors());
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException("unreadable input " + e.getMessage(), e);
        }
        AccountReconciliation account = outcome.result().accounts().stream()
                .filter(a -> a.account().value().equals(original.account())).findFirst()
                .orElseGet(() -> new AccountReconciliation(AccountId.of(original.account()), date, List.of(), List.of(),
                        List.of()));
        List<InputObject> read = outcome.inputs().stream().map(i -> new InputObject("", i.name(), "", i.sha256())).toList();
        // The wall-clock createdAt and the code version are the original's: they are not figures.
        ResultManifest recomputed = new ResultManifest(read, parameters, manifest.codeVersion(), manifest.createdAt(), "");
        ReconciliationDocument again = ReconcileStage.document(outcome, account, rules, recomputed);
        return compare(file.path(), original.canonicalBytes(), again.canonicalBytes(), manifest.codeVersion(), console);
    }

    private static boolean replay(ResultFile.Var file, Optional<Path> inputsDir, PrintStream console) throws IOException {
        VarReport original = file.document();
        VarManifest manifest = original.manifest();
        List<String> names = manifest.inputs().stream().map(i -> i.name()).toList();
        List<String> hashes = manifest.inputs().stream().map(i -> i.sha256()).toList();
        Optional<List<InputSource>> sources = sources(file.path(), names, hashes, inputsDir, console);
        if (sources.isEmpty()) {
            return false;
        }
        List<InputSource> all = sources.get();
        boolean explicit = manifest.market().equals("explicit");
        int positions = manifest.positionInputs();
        if (explicit && all.size() != positions + 2) {
            throw new IllegalArgumentException(file.path() + ": an explicit market needs market.csv and corr.csv after the "
                    + positions + " positions file(s); the manifest lists " + all.size() + " inputs");
        }
        VarPipeline.MarketSource market = explicit
                ? new VarPipeline.ExplicitMarket(all.get(positions), all.get(positions + 1), manifest.correlationRepaired())
                : new VarPipeline.PriceHistoryMarket(all.subList(positions, all.size()));
        VarSettings settings = new VarSettings(original.scenarios(), original.seed(), SamplingMethod.of(original.method()),
                original.horizonDays(), ReturnModel.of(original.returns()), Revaluation.of(original.revaluation()),
                original.replications(), explicit ? VarSettings.DEFAULT_EWMA_LAMBDA : manifest.ewmaLambda(),
                VarSettings.DEFAULT_SHARD_SCENARIOS, manifest.historyRate());
        var model = VarPipeline.prepare(all.subList(0, positions), market, Optional.of(manifest.businessDate()),
                manifest.businessDate(), settings);
        VarReport again = VarEngine.withParallelism(Runtime.getRuntime().availableProcessors()).run(model);
        VarManifest m = again.manifest();
        // The timings are wall-clock and the code version is not a figure: both are the original's.
        again = again.withTimings(original.timings()).withManifest(new VarManifest(m.businessDate(), m.inputs(),
                m.market(), m.ewmaLambda(), m.correlationRepaired(), m.correlationChange(), manifest.codeVersion(),
                m.positionInputs(), m.historyRate(), ""));
        return compare(file.path(), original.canonicalBytes(), again.canonicalBytes(), manifest.codeVersion(), console);
    }

    private static boolean compare(Path result, byte[] expected, byte[] actual, String codeVersion, PrintStream console) {
        String running = com.nightshift.common.manifest.CodeVersion.current();
        if (!running.equals(codeVersion)) {
            console.println("note: the result was computed by code version " + codeVersion + ", this is " + running);
        }
        List<DocumentDifferences.Difference> differences = DocumentDifferences.between(expected, actual);
        if (differences.isEmpty()) {
            console.println(result + ": IDENTICAL: the replay gives every number to the bit");
            return true;
        }
        console.println(result + ": DIFFERENT: " + differences.size() + " field(s) differ from the replay"
                + (differences.size() > SHOWN_DIFFERENCES ? "; the first " + SHOWN_DIFFERENCES + ":" : ":"));
        differences.stream().limit(SHOWN_DIFFERENCES).forEach(d -> console.println("  " + d));
        return false;
    }

    /**
     * The inputs as pipeline sources under their manifest names, each found and checked against its SHA-256;
     * empty, with every problem printed, when one is missing or changed.
     */
    private static Optional<List<InputSource>> sources(Path result, List<String> names, List<String> hashes,
            Optional<Path> inputsDir, PrintStream console) throws IOException {
        List<InputSource> sources = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Set<Path> tried = candidates(result, name, inputsDir);
            Optional<Path> found = tried.stream().filter(Files::isRegularFile).findFirst();
            if (found.isEmpty()) {
                console.println("input " + name + ": MISSING: not found (looked at " + tried + ")");
                complete = false;
                continue;
            }
            String sha256 = ManifestSigner.sha256(Files.readAllBytes(found.get()));
            if (!sha256.equals(hashes.get(i))) {
                console.println("input " + name + ": CHANGED: " + found.get() + " has SHA-256 " + sha256
                        + ", the manifest says " + hashes.get(i));
                complete = false;
                continue;
            }
            Path file = found.get();
            sources.add(new InputSource(name, () -> Files.newInputStream(file)));
        }
        if (!complete) {
            console.println(result + ": cannot replay: the inputs are not those the result was computed from");
            return Optional.empty();
        }
        console.println(names.size() + " input(s) found with the manifest's SHA-256; running the job again");
        return Optional.of(sources);
    }

    /** Where an input called {@code name} may be: as given, under {@code inputsDir}, then up from the result's folder. */
    private static Set<Path> candidates(Path result, String name, Optional<Path> inputsDir) {
        Path given = Path.of(name);
        Set<Path> candidates = new LinkedHashSet<>();
        candidates.add(given);
        if (!given.isAbsolute()) {
            inputsDir.ifPresent(dir -> candidates.add(dir.resolve(given)));
            for (Path dir = result.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve(given));
            }
        }
        inputsDir.ifPresent(dir -> candidates.add(dir.resolve(given.getFileName())));
        return candidates;
    }

    /** The rules a reconciliation's manifest records (every field explicit). */
    static ReconciliationRules rules(Map<String, String> parameters) {
        Set<MatchRule> enabled = EnumSet.noneOf(MatchRule.class);
        for (String id : parameter(parameters, "rules").split(",")) {
            if (!id.isEmpty()) {
                enabled.add(MatchRule.byId(id).orElseThrow(() ->
                        new IllegalArgumentException("the manifest names an unknown rule '" + id + "'")));
            }
        }
        return new ReconciliationRules(Integer.parseInt(parameter(parameters, "valueDateWindowBusinessDays")),
                new ReconciliationRules.Tolerance(new BigDecimal(parameter(parameters, "toleranceAbsolute")),
                        new BigDecimal(parameter(parameters, "toleranceBasisPoints"))),
                new ReconciliationRules.Aggregate(Integer.parseInt(parameter(parameters, "aggregateMaxEntries"))),
                enabled);
    }

    private static String parameter(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the manifest has no parameter '" + name + "': it was not written by"
                    + " nightshift reconcile of this version, so the job cannot be run again from it");
        }
        return value;
    }

    private static int count(Map<String, String> parameters, String name, int atMost) {
        int value = Integer.parseInt(parameter(parameters, name));
        if (value < 0 || value > atMost) {
            throw new IllegalArgumentException("the manifest's parameter " + name + " is " + value
                    + ", not between 0 and " + atMost);
        }
        return value;
    }
}
