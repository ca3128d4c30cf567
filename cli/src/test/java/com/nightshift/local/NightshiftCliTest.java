package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

import com.nightshift.risk.var.SamplingMethod;
import com.nightshift.risk.var.VarSettings;
import com.nightshift.stages.VarStage;
import picocli.CommandLine;

class NightshiftCliTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final CommandLine commandLine = NightshiftCli.commandLine(new NightshiftCli.Context(Path.of("."),
            Path.of("out"), Map.of(), new ByteArrayInputStream(new byte[0]),
            new PrintStream(output, true, StandardCharsets.UTF_8)), new PrintStream(output, true, StandardCharsets.UTF_8));

    private static String run(boolean onlyWhatTheArgumentsName, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        NightshiftCli.Context context = new NightshiftCli.Context(Path.of("."), Path.of("out"), Map.of(),
                new ByteArrayInputStream(new byte[0]), print);
        CommandLine line = onlyWhatTheArgumentsName ? NightshiftCli.commandLine(context, print, args)
                : NightshiftCli.commandLine(context, print);
        int status = line.execute(args);
        return status + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCommandLineBuiltForOneSubcommand_printsAndReturnsWhatTheFullOneDoes() {
        for (String[] args : new String[][] {{"var", "--help"}, {"var", "--scenarios", "x"}, {"report", "--help"},
                {"--help"}, {"help", "var"}, {"no-such-command"}}) {
            assertThat(run(true, args)).as(String.join(" ", args)).isEqualTo(run(false, args));
        }
        assertThat(run(true, "var", "--help")).contains("Usage: nightshift var");
    }

    @Test
    void everySubcommandIsFoundByTheNameItAnswersTo() {
        for (String name : commandLine.getSubcommands().keySet()) {
            if (name.equals("help") || name.equals("accuracy")) {
                continue;
            }
            CommandLine alone = NightshiftCli.commandLine(new NightshiftCli.Context(Path.of("."), Path.of("out"),
                    Map.of(), new ByteArrayInputStream(new byte[0]), System.out), System.err, name);
            assertThat(alone.getSubcommands()).as(name).containsOnlyKeys(name);
        }
    }

    @Test
    void test_var_withoutOptionsUsesExactlyTheServiceDefaults() {
        CommandLine.ParseResult parsed = commandLine.parseArgs("var", "--positions", "p.csv", "--prices", "q.csv");

        VarCommand var = (VarCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(var.settings()).isEqualTo(VarSettings.DEFAULTS);
    }

    @Test
    void test_var_optionsOverrideTheDefaultsTheyName() {
        CommandLine.ParseResult parsed = commandLine.parseArgs("var", "--positions", "p.csv", "--prices", "q.csv",
                "--scenarios", "2000", "--seed", "7", "--method", "antithetic");

        VarCommand var = (VarCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(var.settings()).isEqualTo(VarSettings.DEFAULTS.withScenarios(2_000).withSeed(7L)
                .withMethod(SamplingMethod.ANTITHETIC));
    }

    @Test
    void test_var_takesAnExplicitMarketOrAPriceHistoryButNotBoth() {
        CommandLine.ParseResult explicit = commandLine.parseArgs("var", "--positions", "p.csv", "--market", "m.csv",
                "--corr", "c.csv");
        VarCommand var = (VarCommand) explicit.subcommand().commandSpec().userObject();
        assertThat(var.marketFiles()).isEqualTo(new VarStage.ExplicitFiles(Path.of("m.csv"), Path.of("c.csv"), false));

        assertThat(commandLine.execute("var", "--positions", "p.csv", "--market", "m.csv", "--corr", "c.csv",
                "--prices", "q.csv")).isNotZero();
        assertThat(commandLine.execute("var", "--positions", "p.csv", "--market", "m.csv")).isNotZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("--corr");
    }

    @Test
    void test_varHelp_statesTheDefaults() {
        assertThat(commandLine.execute("var", "--help")).isZero();

        // Help wraps long lines, so a default may start the next line.
        String help = output.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(help).contains("(default: 100000)", "(default: plain)", "(default: 20261120)",
                "(default: lognormal)", "(default: 0.94)", "VaR and ES at 95% and 99% of a book");
    }
}
