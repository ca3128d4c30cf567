package com.nightshift.local;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.reconciliation.generator.AccuracyReport;
import com.nightshift.stages.BacktestStage;
import com.nightshift.stages.ReconcileStage;
import com.nightshift.stages.ReplayStage;
import com.nightshift.stages.ReportStage;
import com.nightshift.stages.VarStage;
import com.nightshift.stages.VerifyStage;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code nightshift} command and its subcommands, each with {@code --help}. {@code bin/nightshift}
 * builds what is missing and runs this class on a JDK 21+.
 *
 * <p>Exit status: 0 done, 1 the command failed (the reason is printed), 2 the command line was wrong
 * (the usage is printed).
 */
public final class NightshiftCli implements Runnable {

    /**
     * The subcommands, in the order the usage lists them ({@code help} and {@code accuracy} follow), each
     * as picocli takes it: the annotated class, or for {@code var} its spec built in code ({@link VarCommand}).
     * Named here so that finding the one to run reads no annotations.
     */
    private static final List<Named> SUBCOMMANDS = List.of(new Named("local", context -> Local.class),
            new Named("reconcile", context -> Reconcile.class),
            new Named(VarCommand.NAME, context -> new VarCommand(context).spec()),
            new Named("backtest", context -> Backtest.class), new Named("report", context -> Report.class),
            new Named("destroy", context -> Destroy.class), new Named("verify", context -> Verify.class),
            new Named("replay", context -> Replay.class), new Named("redrive", context -> Redrive.class));

    /** A subcommand's name and how its picocli command is made. */
    record Named(String name, Function<Context, Object> command) {
    }

    /** What every subcommand runs with: where the project is, where output goes by default, and the process' world. */
    public record Context(Path projectRoot, Path defaultOut, Map<String, String> environment, InputStream in, PrintStream out) {
    }

    /**
     * picocli's default factory, made only when picocli first asks for an object. Making it looks up
     * Groovy's {@code Closure} class, and that failed lookup reads the index of the whole CLI jar (some
     * 20,000 entries, about 20 ms), which {@code var}, whose classes all come from the start-up cache,
     * would otherwise pay for nothing.
     */
    static final CommandLine.IFactory DEFAULT_FACTORY_ON_DEMAND = new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            return CommandLine.defaultFactory().create(type);
        }
    };

    private final Context context;
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this, DEFAULT_FACTORY_ON_DEMAND);

    NightshiftCli(Context context) {
        this.context = context;
        // Declared in code like var's options, which a var run would otherwise wait for (VarCommand).
        spec.name("nightshift").versionProvider(new Version());
        spec.usageMessage().description("The Nightshift overnight batch platform: the whole night on a local stack,"
                + " one stage on local files, and the removal of a deployed environment.");
        addStandardHelpOptions(spec);
    }

    public static void main(String[] args) {
        boolean var = args.length > 0 && args[0].equals(VarCommand.NAME);
        if (var) {
            // A var run lasts about a second: its input digest and JSON writer are made on the idle core meanwhile.
            VarStage.prepareInBackground();
        }
        Path projectRoot = Path.of(System.getProperty("nightshift.home", ".")).toAbsolutePath().normalize();
        Path out = Path.of(System.getProperty("nightshift.out", "out")).toAbsolutePath().normalize();
        int status = commandLine(new Context(projectRoot, out, System.getenv(), System.in, System.out), System.err, args)
                .execute(args);
        if (var && status == 0) {
            // System.exit first asks for a System.Logger to log the exit, and that first lookup searches the
            // class path for a logging provider: the index of the whole CLI jar, about 20 ms of a var run. A
            // var run that succeeded leaves only daemon threads, so returning ends the process with status 0.
            return;
        }
        System.exit(status);
    }

    /**
     * {@code -h, --help} and {@code -V, --version}, as picocli's {@code mixinStandardHelpOptions} adds
     * them, without the annotation reading that mixin costs.
     */
    static void addStandardHelpOptions(CommandSpec command) {
        command.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        command.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** The command line for {@code context}, every subcommand included; errors go to {@code err}. */
    public static CommandLine commandLine(Context context, PrintStream err) {
        return commandLine(context, err, new String[0]);
    }

    /**
     * The command line for running {@code args}. When they start with a subcommand's name, only that
     * subcommand is built: picocli builds a command's model from its annotations by reflection, and for
     * all of them that is most of what a short command like {@code var} spends before it starts. What
     * the subcommand accepts, prints and returns is the same either way; anything else (no arguments,
     * {@code --help}, {@code help}, a wrong name) gets every subcommand.
     */
    static CommandLine commandLine(Context context, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new NightshiftCli(context).spec, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (Subcommand.class.isAssignableFrom(type)) {
                    return type.cast(type.getDeclaredConstructor(Context.class).newInstance(context));
                }
                return DEFAULT_FACTORY_ON_DEMAND.create(type);
            }
        });
        String first = args.length > 0 ? args[0] : "";
        List<Named> named = SUBCOMMANDS.stream().filter(subcommand -> subcommand.name().equals(first)).toList();
        if (!named.isEmpty()) {
            commandLine.addSubcommand(named.get(0).command().apply(context));
        } else if (!first.equals("accuracy")) {
            SUBCOMMANDS.forEach(subcommand -> commandLine.addSubcommand(subcommand.command().apply(context)));
            commandLine.addSubcommand(CommandLine.HelpCommand.class);
        }
        if (named.isEmpty()) {
            // The reconciliation engine's accuracy on seeded data with a known truth (README "Reconciliation rules").
            commandLine.addSubcommand("accuracy", new AccuracyReport());
        }
        commandLine.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("nightshift " + line.getCommandName() + " failed: " + e.getMessage());
            if (Boolean.getBoolean("nightshift.debug")) {
                e.printStackTrace(line.getErr());
            }
            return 1;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /** A subcommand: built with the {@link Context}, returns its exit status. */
    abstract static class Subcommand implements Callable<Integer> {

        final Context context;

        Subcommand(Context context) {
            this.context = context;
        }

        @Override
        public final Integer call() throws Exception {
            execute();
            return 0;
        }

        abstract void execute() throws Exception;
    }

    @Command(name = "local", mixinStandardHelpOptions = true,
            description = {"Run one whole night on the local stack: moto on a free loopback port, the workload"
                    + " template deployed to it, the four services as processes with their task definitions'"
                    + " environment, a generated sample night uploaded; results and PDF reports are copied to"
                    + " ./out (or $NIGHTSHIFT_OUT) and everything started is stopped again.",
                    "Uses AWS_ENDPOINT_URL instead of starting moto when it is set."})
    static final class Local extends Subcommand {

        Local(Context context) {
            super(context);
        }

        @Override
        void execute() throws Exception {
            new NightlyRun(context.projectRoot(), context.defaultOut(), context.out()).run();
        }
    }

    @Command(name = "reconcile", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Reconcile a ledger against bank and custodian statements with the engine and pipeline"
                    + " the service uses. Statements may be the transaction CSV, ISO 20022 camt.053 or SWIFT MT940,"
                    + " mixed; each file's format is read from its content, not its name. Everything given is"
                    + " reconciled as one set, whatever the dates: within each account and currency, by the exact,"
                    + " tolerance and aggregate rules in that order (README \"Reconciliation\"), each entry used once.",
                    "Rejected rows (malformed, or an entry id already read for the account) are listed with line and"
                            + " reason under DIR/rejects/. Unmatched entries are aged from their booking dates.",
                    "Writes, per account, DIR/<account>/matches.csv, unmatched_ledger.csv, unmatched_statement.csv,"
                            + " summary.json, manifest.json and result.json (the document the reports are made from:"
                            + " nightshift report --input DIR), and DIR/open_items.csv for a later run; prints a"
                            + " short summary."})
    static final class Reconcile extends Subcommand {

        @Option(names = "--ledger", required = true, paramLabel = "FILE", description = "the ledger (transaction CSV)")
        Path ledger;

        @Option(names = "--statements", required = true, split = ",", paramLabel = "FILE",
                description = "statement files, comma-separated or repeated: CSV, camt.053 or MT940")
        List<Path> statements;

        @Option(names = "--out", paramLabel = "DIR", description = "where the files go (default: ./out/reconciliation)")
        Path out;

        @Option(names = "--rules", paramLabel = "FILE", description = "a rules file (JSON); default: the built-in rules")
        Path rules;

        @Option(names = "--open-items", split = ",", paramLabel = "FILE",
                description = "open items left by an earlier run (its open_items.csv), matched like tonight's entries")
        List<Path> openItems;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD",
                description = "the business date the ages count to (default: the latest booking date)")
        LocalDate date;

        Reconcile(Context context) {
            super(context);
        }

        @Override
        void execute() throws Exception {
            ReconcileStage.run(new ReconcileStage.Options(ledger, statements,
                    openItems == null ? List.of() : openItems, Optional.ofNullable(rules), Optional.ofNullable(date),
                    out == null ? context.defaultOut().resolve("reconciliation") : out), context.environment(),
                    context.out());
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Backtest a VaR model: its daily forecasts against the P&L that followed. An exception is a"
                    + " day whose loss strictly exceeds the VaR (pnl < -var). Reports the exceptions, Kupiec's"
                    + " proportion-of-failures test, Christoffersen's independence and conditional coverage tests"
                    + " (rejected at 5%%), and the Basel traffic-light zone over the last 250 days.",
                    "The files are joined by date; a date in only one of them is reported and skipped. Any bad row"
                            + " (unparsable, a duplicate date, a VaR that is not positive) fails the command, naming"
                            + " file and line. A model that fails its tests is a result: the exit status is still 0."})
    static final class Backtest extends Subcommand {

        @Option(names = "--pnl", required = true, paramLabel = "FILE",
                description = "daily P&L CSV, header date,pnl (a loss is negative)")
        Path pnl;

        @Option(names = "--var", required = true, paramLabel = "FILE",
                description = "VaR forecast CSV, header date,var or date,var95,var99 (positive loss amounts, each"
                        + " the forecast for that date's P&L)")
        Path var;

        @Option(names = "--confidence", paramLabel = "C",
                defaultValue = "" + com.nightshift.risk.backtest.Backtest.DEFAULT_CONFIDENCE,
                description = "confidence level of a single var column (default: ${DEFAULT-VALUE})")
        double confidence;

        @Option(names = "--out", paramLabel = "FILE", description = "also write the result as JSON to FILE")
        Path out;

        @Spec
        CommandLine.Model.CommandSpec spec;

        Backtest(Context context) {
            super(context);
        }

        @Override
        void execute() throws Exception {
            boolean confidenceGiven = spec.commandLine().getParseResult().hasMatchedOption("--confidence");
            BacktestStage.run(new BacktestStage.Options(pnl, var, confidence, confidenceGiven, Optional.ofNullable(out)),
                    context.environment(), context.out());
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Render a report from result files as the reporting service does; the kind is told by"
                    + " what the folder holds:",
                    "  <account>/result.json files (as reconcile writes them, or results/recon/<date>/ of a night):"
                    + " the reconciliation report of their business date;",
                    "  var.json (as var --out writes it), with backtest.json beside it if there is one (as backtest"
                    + " --out writes it): the risk report;",
                    "  night.json: the night summary.",
                    "Every file is read as its typed document: a missing or renamed field fails naming the file and"
                    + " the field. A folder with none of these, or with both var.json and night.json, is an error."})
    static final class Report extends Subcommand {

        @Option(names = "--input", required = true, paramLabel = "DIR", description = "the folder of result files")
        Path input;

        @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "the PDF to write")
        Path pdf;

        @Option(names = "--preview", paramLabel = "FILE.png",
                description = "also write the first page as a PNG image (100 dpi), to see the report without a PDF viewer")
        Path preview;

        Report(Context context) {
            super(context);
        }

        @Override
        void execute() throws Exception {
            ReportStage.run(input, pdf, Optional.ofNullable(preview), context.out());
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Move the messages of dead-letter queues back to the queues they came from, once the cause"
                    + " of their failure is fixed, and print how many moved. Each message is sent to its source queue"
                    + " before it is deleted from the dead-letter queue, so none is lost.",
                    "Credentials from the default AWS chain; honours AWS_ENDPOINT_URL (an emulator)."})
    static final class Redrive extends Subcommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        /** Either every dead-letter queue of an environment, or one named by its URL. */
        static final class Target {
            @Option(names = "--env", paramLabel = "ENV", required = true,
                    description = "the four dead-letter queues of an infra/config/<ENV>.json's workload stack")
            String env;

            @Option(names = "--queue", paramLabel = "URL", required = true,
                    description = "one dead-letter queue; its source is the queue whose redrive policy names it")
            String queue;
        }

        @Option(names = "--max", paramLabel = "N", defaultValue = "1000",
                description = "move at most N messages from each dead-letter queue (default: ${DEFAULT-VALUE})")
        int max;

        @Option(names = "--region", paramLabel = "REGION", description = "default: the configuration's region, or AWS_REGION")
        String region;

        Redrive(Context context) {
            super(context);
        }

        @Override
        void execute() {
            DeadLetterRedrive.run(Optional.ofNullable(target.env), Optional.ofNullable(target.queue), max,
                    Optional.ofNullable(region), context.projectRoot(), context.environment(), context.out());
        }
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true,
            description = {"Delete a deployed environment completely: empty its buckets (every object version),"
                    + " delete its images and the repositories its pull-through cache created, then delete the"
                    + " workload and registry stacks. Asks for the environment's name first unless --yes.",
                    "Credentials from the default AWS chain; honours AWS_ENDPOINT_URL (an emulator)."})
    static final class Destroy extends Subcommand {

        @Option(names = "--env", required = true, paramLabel = "ENV", description = "an infra/config/<ENV>.json")
        String env;

        @Option(names = "--region", paramLabel = "REGION", description = "default: the configuration's region")
        String region;

        @Option(names = {"--yes", "-y"}, description = "do not ask")
        boolean yes;

        Destroy(Context context) {
            super(context);
        }

        @Override
        void execute() {
            EnvironmentDestroyer.run(env, Optional.ofNullable(region), yes, context.projectRoot(), context.environment(),
                    new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)), context.out());
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a result against its signature and manifest: a reconciliation's result.json or a VaR"
                    + " run's var.json. The signature (HMAC-SHA256 with the application secret's signing key) covers"
                    + " the whole document, every figure and the manifest (docs/audit.md).",
                    "The key comes from --key-file or MANIFEST_SIGNING_KEY. A result written without a key is"
                    + " reported as not signed. Exit status 0: signed and valid; 1: not signed, changed after"
                    + " signing, signed with another key, or a manifest that disagrees with the document."})
    static final class Verify extends Subcommand {

        @Parameters(paramLabel = "RESULT", description = "a result.json or var.json")
        Path result;

        @Option(names = "--key-file", paramLabel = "FILE",
                description = "a file whose first line is the signing key (default: $MANIFEST_SIGNING_KEY)")
        Path keyFile;

        @Spec
        CommandLine.Model.CommandSpec spec;

        Verify(Context context) {
            super(context);
        }

        @Override
        void execute() {
            if (keyFile == null && context.environment().getOrDefault(ManifestSigner.KEY_VARIABLE, "").isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no signing key: give --key-file FILE or set " + ManifestSigner.KEY_VARIABLE);
            }
            if (!VerifyStage.run(result, Optional.ofNullable(keyFile), context.environment(), context.out())) {
                throw new IllegalStateException(result + " is not verified");
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Run the job of a result again from the input files its manifest names, with the same"
                    + " parameters and seed through the same pipeline, and tell whether every number is identical"
                    + " to the bit: a reconciliation's result.json (from reconcile) or a VaR run's var.json (from"
                    + " var).",
                    "Each input is looked for as the manifest names it, under --inputs, then relative to the"
                    + " result's folder and the folders above it, and must have the manifest's SHA-256. Not"
                    + " compared: the signature, the code version, a reconciliation's createdAt and a VaR run's"
                    + " timings. Exit status 0: identical; 1: an input missing or changed, or a number differs"
                    + " (the first differences are printed)."})
    static final class Replay extends Subcommand {

        @Parameters(paramLabel = "RESULT", description = "a result.json or var.json")
        Path result;

        @Option(names = "--inputs", paramLabel = "DIR", description = "also look for the inputs in DIR")
        Path inputs;

        Replay(Context context) {
            super(context);
        }

        @Override
        void execute() throws Exception {
            if (!ReplayStage.run(result, Optional.ofNullable(inputs), context.out())) {
                throw new IllegalStateException(result + " is not reproduced by its inputs");
            }
        }
    }

    /** The project version, from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = NightshiftCli.class.getPackage().getImplementationVersion();
            return new String[] {"nightshift " + (version == null ? "(development build)" : version)};
        }
    }
}
