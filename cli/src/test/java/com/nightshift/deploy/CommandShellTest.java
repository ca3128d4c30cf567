package com.nightshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandShellTest {

    @TempDir
    Path directory;

    @Test
    void ask_returns_the_exit_code_and_both_outputs_apart() {
        CommandShell.Answer answer = new CommandShell().ask(
                List.of("sh", "-c", "echo '{\"a\":1}'; echo 'An error occurred' >&2; exit 3"), directory);

        assertThat(answer).isEqualTo(new CommandShell.Answer(3, "{\"a\":1}", "An error occurred"));
        assertThat(answer.succeeded()).isFalse();
    }

    @Test
    void aws_error_code_is_read_from_the_error_line_of_the_aws_cli() {
        CommandShell.Answer answer = new CommandShell.Answer(254, "", "\nAn error occurred (ScanNotFoundException) when"
                + " calling the DescribeImageScanFindings operation: Image scan does not exist for the image");

        assertThat(answer.awsErrorCode()).contains("ScanNotFoundException");
        assertThat(answer.errorSummary()).startsWith("An error occurred (ScanNotFoundException)");
    }

    @Test
    void error_summary_without_error_output_names_the_exit_code() {
        assertThat(new CommandShell.Answer(2, "", "").errorSummary()).isEqualTo("exit code 2");
    }
}
