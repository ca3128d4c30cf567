package com.nightshift.local;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import com.nightshift.risk.var.ReturnModel;
import com.nightshift.risk.var.Revaluation;
import com.nightshift.risk.var.SamplingMethod;
import com.nightshift.risk.var.VarSettings;
import com.nightshift.stages.VarStage;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code nightshift var}: Monte Carlo VaR on local files ({@link VarStage}).
 *
 * <p>Its options are declared here in code, not with picocli's annotations as the other commands'
 * are. A {@code var} run on a large book lasts about three quarters of a second, and reading
 * annotations is slow in a fresh JVM (each annotation type becomes a generated proxy class): building
 * this command from annotations cost about 50 ms before the run could start. Usage, errors and exit
 * status are picocli's, as for every other command.
 */
final class VarCommand extends NightshiftCli.Subcommand {

    static final String NAME = "var";

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this, NightshiftCli.DEFAULT_FACTORY_ON_DEMAND);

    VarCommand(NightshiftCli.Context context) {
        super(context);
        spec.name(NAME);
        spec.usageMessage().sortOptions(false).description(
                "Monte Carlo VaR and ES at 95%% and 99%% of a book of equities, European options, FX and zero-coupon"
                        + " bonds (README \"Market risk\"), by full revaluation, with the risk service's defaults, so"
                        + " the same inputs give the same numbers as the night.",
                "Writes DIR/var.json (the whole book and each portfolio) and DIR/<portfolio>/result.json.");
        spec.addOption(option("--positions", Path.class, "FILE", "positions.csv").required(true).build());
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("1")
                .addSubgroup(ArgGroupSpec.builder().exclusive(false).multiplicity("1")
                        .addArg(option("--market", Path.class, "FILE", "market.csv (factor,spot,vol,rate)")
                                .required(true).build())
                        .addArg(option("--corr", Path.class, "FILE", "corr.csv (correlation matrix)")
                                .required(true).build())
                        .build())
                .addArg(option("--prices", Path.class, "FILE",
                        "price history (date,factor,close): vols and correlations by EWMA").required(true).build())
                .build());
        // The defaults are VarSettings.DEFAULTS' constants, the ones the risk service uses.
        spec.addOption(option("--scenarios", int.class, "N", "scenarios (default: ${DEFAULT-VALUE})")
                .defaultValue("" + VarSettings.DEFAULT_SCENARIOS).build());
        spec.addOption(option("--seed", long.class, "S", "random seed, a 64-bit integer (default: ${DEFAULT-VALUE})")
                .defaultValue("" + VarSettings.DEFAULT_SEED).build());
        spec.addOption(option("--method", String.class, "M",
                "plain, antithetic, sobol or importance (default: ${DEFAULT-VALUE})")
                .defaultValue(VarSettings.DEFAULT_METHOD).build());
        spec.addOption(option("--date", LocalDate.class, "YYYY-MM-DD",
                "business date (default: the last price date, or today for --market)").build());
        spec.addOption(option("--out", Path.class, "DIR", "where results go (default: ./out)").build());
        spec.addOption(option("--returns", String.class, "MODEL",
                "lognormal or normal factor moves (default: ${DEFAULT-VALUE})").defaultValue("lognormal").build());
        spec.addOption(option("--horizon-days", int.class, "D",
                "horizon in trading days, dt = D/252 (default: ${DEFAULT-VALUE})")
                .defaultValue("" + VarSettings.DEFAULT_HORIZON_DAYS).build());
        spec.addOption(option("--revaluation", String.class, "R",
                "interpolated or exact pricing of options and bonds (default: ${DEFAULT-VALUE})")
                .defaultValue("interpolated").build());
        spec.addOption(option("--replications", int.class, "R",
                "replicates for the error of antithetic, sobol and importance (default: ${DEFAULT-VALUE})")
                .defaultValue("" + VarSettings.DEFAULT_REPLICATIONS).build());
        spec.addOption(option("--lambda", double.class, "L", "EWMA decay for --prices (default: ${DEFAULT-VALUE})")
                .defaultValue("" + VarSettings.DEFAULT_EWMA_LAMBDA).build());
        spec.addOption(option("--rate", double.class, "R",
                "continuously-compounded rate for options with --prices (default: ${DEFAULT-VALUE})")
                .defaultValue("" + VarSettings.DEFAULT_HISTORY_RATE).build());
        spec.addOption(OptionSpec.builder("--repair-correlation").type(boolean.class)
                .description("replace a corr.csv that is not positive definite by its nearest correlation matrix")
                .build());
        spec.addOption(option("--threads", Integer.class, "T", "simulation threads (default: the processors)").build());
        NightshiftCli.addStandardHelpOptions(spec);
    }

    /** The command for picocli: this object, with its options. */
    CommandSpec spec() {
        return spec;
    }

    /** The settings of this run: the options given, the rest from {@link VarSettings#DEFAULTS}. */
    VarSettings settings() {
        return new VarSettings(value("--scenarios"), value("--seed"), SamplingMethod.of(value("--method")),
                value("--horizon-days"), ReturnModel.of(value("--returns")), Revaluation.of(value("--revaluation")),
                value("--replications"), value("--lambda"), VarSettings.DEFAULT_SHARD_SCENARIOS, value("--rate"));
    }

    /** Where the market comes from: {@code --prices}, or {@code --market} and {@code --corr}. */
    VarStage.MarketFiles marketFiles() {
        Path prices = value("--prices");
        return prices != null ? new VarStage.PriceFiles(prices)
                : new VarStage.ExplicitFiles(value("--market"), value("--corr"),
                        Boolean.TRUE.equals(value("--repair-correlation")));
    }

    @Override
    void execute() throws Exception {
        Path out = value("--out");
        Integer threads = value("--threads");
        VarStage.run(new VarStage.Options(value("--positions"), marketFiles(), Optional.ofNullable(value("--date")),
                settings(), out == null ? context.defaultOut() : out,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads), context.environment(),
                context.out());
    }

    private <T> T value(String option) {
        return spec.findOption(option).getValue();
    }

    private static OptionSpec.Builder option(String name, Class<?> type, String label, String description) {
        OptionSpec.Builder option = OptionSpec.builder(name).type(type).paramLabel(label).description(description);
        // picocli converts these two types reflectively, through method handles it creates on first use.
        if (type == Path.class) {
            option.converters(value -> Path.of(value));
        } else if (type == LocalDate.class) {
            option.converters(LocalDate::parse);
        }
        return option;
    }
}
