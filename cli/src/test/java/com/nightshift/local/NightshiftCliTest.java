package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

import com.nightshift.common.risk.VarSettings;
import picocli.CommandLine;

class NightshiftCliTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final CommandLine commandLine = NightshiftCli.commandLine(new NightshiftCli.Context(Path.of("."),
            Path.of("out"), Map.of(), new ByteArrayInputStream(new byte[0]),
            new PrintStream(output, true, StandardCharsets.UTF_8)), new PrintStream(output, true, StandardCharsets.UTF_8));

    @Test
    void test_var_withoutOptionsUsesExactlyTheServiceDefaults() {
        CommandLine.ParseResult parsed = commandLine.parseArgs("var", "--positions", "p.csv", "--prices", "q.csv");

        NightshiftCli.Var var = (NightshiftCli.Var) parsed.subcommand().commandSpec().userObject();
        assertThat(var.settings()).isEqualTo(VarSettings.DEFAULTS);
    }

    @Test
    void test_var_optionsOverrideTheDefaultsTheyName() {
        CommandLine.ParseResult parsed = commandLine.parseArgs("var", "--positions", "p.csv", "--prices", "q.csv",
                "--scenarios", "2000", "--seed", "7");

        NightshiftCli.Var var = (NightshiftCli.Var) parsed.subcommand().commandSpec().userObject();
        assertThat(var.settings()).isEqualTo(new VarSettings(2_000, VarSettings.DEFAULT_CONFIDENCE,
                VarSettings.DEFAULT_HORIZON_DAYS, 7L, VarSettings.DEFAULT_LOOKBACK_DAYS));
    }

    @Test
    void test_varHelp_statesTheDefaults() {
        assertThat(commandLine.execute("var", "--help")).isZero();

        assertThat(output.toString(StandardCharsets.UTF_8)).contains("(default: 10000)", "(default: 0.99)",
                "(default: 20261120)");
    }
}
