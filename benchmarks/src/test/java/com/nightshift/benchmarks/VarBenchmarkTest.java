package com.nightshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nightshift.common.io.InputSource;
import com.nightshift.risk.var.BookModel;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarSettings;

class VarBenchmarkTest {

    @Test
    void generatedBook_isValidInputWithOneOptionInFive(@TempDir Path dir) throws Exception {
        VarBenchmark.Problem problem = VarBenchmark.generate(new VarBenchmark.Problem("tiny", 200, 8, dir), 3L);
        LocalDate date = LocalDate.of(2026, 11, 30);
        BookModel model = VarPipeline.prepare(List.of(InputSource.file(problem.positionsFile())),
                new VarPipeline.ExplicitMarket(InputSource.file(problem.marketFile()),
                        InputSource.file(problem.corrFile()), false), Optional.of(date), date, VarSettings.DEFAULTS);
        assertThat(model.factorCount()).isEqualTo(8);
        assertThat(model.portfolios()).hasSizeLessThanOrEqualTo(10);
        List<String> lines = Files.readAllLines(problem.positionsFile());
        assertThat(lines).hasSize(201);
        assertThat(lines.stream().filter(l -> l.contains(",OPTION,"))).hasSize(40);
        // Seeded: the same files again.
        Path again = dir.resolve("again");
        VarBenchmark.generate(new VarBenchmark.Problem("tiny", 200, 8, again), 3L);
        assertThat(Files.readString(again.resolve("positions.csv"))).isEqualTo(Files.readString(problem.positionsFile()));
        assertThat(Files.readString(again.resolve("corr.csv"))).isEqualTo(Files.readString(problem.corrFile()));
    }

    @Test
    void harness_reportsEveryMethodOnASmallBook(@TempDir Path dir) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            VarBenchmark.run(dir, 0, 7L, List.of(new VarBenchmark.Problem("tiny", 300, 6, dir.resolve("tiny"))),
                    5_000, 1);
        } finally {
            System.setOut(console);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("reval/s/core").contains("tiny");
        for (String method : List.of("plain", "antithetic", "sobol", "importance")) {
            assertThat(report).containsPattern("tiny\\s+" + method + "\\s");
        }
    }
}
