package com.nightshift.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.io.InputSource;
import com.nightshift.common.io.OutputSink;
import com.nightshift.risk.book.RiskInputException;

class VarPipelineTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static final VarSettings SETTINGS = VarSettings.DEFAULTS.withScenarios(2_000);
    private static final String POSITIONS = """
            position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type
            E1,ALPHA,EQUITY,100,AAA,,,
            O1,ALPHA,OPTION,-10,AAA,100,0.5,call
            B1,BETA,BOND,5,Y5,1000,5,
            """;
    private static final String MARKET = """
            factor,spot,vol,rate
            AAA,100,0.2,0.03
            Y5,0.04,0.25,0.0
            """;
    private static final String CORR = """
            Y5,AAA
            1,-0.3
            -0.3,1
            """;

    @TempDir
    Path dir;

    private InputSource file(String name, String content) throws IOException {
        return InputSource.file(Files.writeString(dir.resolve(name), content));
    }

    private VarPipeline.ExplicitMarket explicit(String corr, boolean repair) throws IOException {
        return new VarPipeline.ExplicitMarket(file("market.csv", MARKET), file("corr.csv", corr), repair);
    }

    @Test
    void anExplicitMarket_compilesTheBookWithEveryInputChecksummed_andTodayAsTheDefaultDate() throws IOException {
        BookModel model = VarPipeline.prepare(List.of(file("positions.csv", POSITIONS)), explicit(CORR, false),
                Optional.empty(), TODAY, SETTINGS);

        assertThat(model.portfolios()).containsExactly("ALPHA", "BETA");
        assertThat(model.positionCounts()).containsExactly(2, 1);
        VarManifest manifest = model.manifest();
        assertThat(manifest.businessDate()).isEqualTo(TODAY);
        assertThat(manifest.market()).isEqualTo("explicit");
        assertThat(manifest.inputs()).extracting(i -> Path.of(i.name()).getFileName().toString())
                .containsExactly("positions.csv", "market.csv", "corr.csv");
        assertThat(manifest.inputs()).allSatisfy(i -> assertThat(i.sha256()).hasSize(64));
    }

    @Test
    void aPriceHistory_givesAnEwmaMarketDatedByItsLastClose() throws IOException {
        StringBuilder prices = new StringBuilder("date,factor,close\n");
        double aaa = 100.0;
        double y5 = 0.04;
        LocalDate day = LocalDate.of(2026, 9, 1);
        for (int i = 0; i < 40; i++, day = day.plusDays(1)) {
            aaa *= 1.0 + ((i * 7) % 5 - 2) * 0.004;
            y5 *= 1.0 + ((i * 3) % 5 - 2) * 0.006;
            prices.append(day).append(",AAA,").append(aaa).append('\n').append(day).append(",Y5,").append(y5).append('\n');
        }
        BookModel model = VarPipeline.prepare(List.of(file("positions.csv", POSITIONS)),
                new VarPipeline.PriceHistoryMarket(List.of(file("prices.csv", prices.toString()))),
                Optional.empty(), TODAY, SETTINGS.withHistoryRate(0.01));

        assertThat(model.manifest().businessDate()).isEqualTo(day.minusDays(1));
        assertThat(model.manifest().market()).isEqualTo("ewma");
        assertThat(model.manifest().ewmaLambda()).isEqualTo(0.94);
        assertThat(VarEngine.sequential().run(model).book().var99()).isPositive();
    }

    @Test
    void aPositionIdInTwoFiles_isRefusedNamingBoth() throws IOException {
        InputSource more = file("more.csv", """
                position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type
                E1,BETA,EQUITY,5,AAA,,,
                """);
        assertThatThrownBy(() -> VarPipeline.prepare(List.of(file("positions.csv", POSITIONS), more),
                explicit(CORR, false), Optional.empty(), TODAY, SETTINGS))
                .isInstanceOf(RiskInputException.class)
                .hasMessageContaining("more.csv, line 2").hasMessageContaining("E1").hasMessageContaining("positions.csv");
    }

    @Test
    void aCorrelationThatIsNotPositiveDefinite_isRefused_unlessRepairIsAsked() throws IOException {
        String market = """
                factor,spot,vol,rate
                AAA,100,0.2,0.03
                BBB,50,0.3,0.03
                CCC,20,0.1,0.03
                """;
        String corr = """
                AAA,BBB,CCC
                1,0.9,-0.9
                0.9,1,0.9
                -0.9,0.9,1
                """;
        String positions = "position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type\n"
                + "E1,ALPHA,EQUITY,100,AAA,,,\nE2,ALPHA,EQUITY,100,BBB,,,\n";
        List<InputSource> book = List.of(file("positions.csv", positions));
        VarPipeline.ExplicitMarket refused = new VarPipeline.ExplicitMarket(file("market.csv", market),
                file("corr.csv", corr), false);
        assertThatThrownBy(() -> VarPipeline.prepare(book, refused, Optional.empty(), TODAY, SETTINGS))
                .hasMessageContaining("not positive definite");

        BookModel repaired = VarPipeline.prepare(book, new VarPipeline.ExplicitMarket(file("market.csv", market),
                file("corr.csv", corr), true), Optional.empty(), TODAY, SETTINGS);
        assertThat(repaired.manifest().correlationRepaired()).isTrue();
        assertThat(repaired.manifest().correlationChange()).isPositive();
    }

    @Test
    void aMissingFile_isRefusedNamingIt() {
        InputSource missing = InputSource.file(dir.resolve("nope.csv"));
        assertThatThrownBy(() -> VarPipeline.prepare(List.of(missing), explicit(CORR, false), Optional.empty(), TODAY,
                SETTINGS)).isInstanceOf(RiskInputException.class).hasMessageContaining("nope.csv");
        assertThatThrownBy(() -> VarPipeline.prepare(List.of(), explicit(CORR, false), Optional.empty(), TODAY,
                SETTINGS)).hasMessageContaining("no positions file");
    }

    @Test
    void aPositionsFileOverTheSizeLimit_isRefusedBeforeAByteOfItIsRead() {
        java.util.concurrent.atomic.AtomicBoolean opened = new java.util.concurrent.atomic.AtomicBoolean();
        InputSource huge = new InputSource("positions-2GB.csv", () -> {
            opened.set(true);
            return java.io.InputStream.nullInputStream();
        }, java.util.OptionalLong.of(2L << 30));
        assertThatThrownBy(() -> VarPipeline.prepare(List.of(huge), explicit(CORR, false), Optional.empty(), TODAY,
                SETTINGS)).hasMessageContaining("positions-2GB.csv");
        assertThat(opened).isFalse();
    }

    @Test
    void badPositionsAndABadMarket_reportThePositionsFileFirst_asWhenTheyWereReadInTurn() throws IOException {
        InputSource missing = InputSource.file(dir.resolve("positions-missing.csv"));
        VarPipeline.ExplicitMarket badMarket = new VarPipeline.ExplicitMarket(file("market.csv", "factor,spot\nAAA,1\n"),
                file("corr.csv", "AAA\n1\n"), false);
        assertThatThrownBy(() -> VarPipeline.prepare(List.of(missing), badMarket, Optional.empty(), TODAY, SETTINGS))
                .isInstanceOf(RiskInputException.class).hasMessageContaining("positions-missing.csv");
        assertThatThrownBy(() -> VarPipeline.prepare(List.of(file("positions.csv", POSITIONS)), badMarket,
                Optional.empty(), TODAY, SETTINGS)).isInstanceOf(RiskInputException.class).hasMessageContaining("market.csv");
    }

    @Test
    void write_givesVarJsonAndEachPortfoliosResult_thatReadBackAsTheirRecords() throws IOException {
        BookModel model = VarPipeline.prepare(List.of(file("positions.csv", POSITIONS)), explicit(CORR, false),
                Optional.of(LocalDate.of(2026, 11, 27)), TODAY, SETTINGS);
        VarReport report = VarEngine.sequential().run(model);
        Path out = dir.resolve("out");

        List<String> written = VarPipeline.write(model, report, OutputSink.directory(out));

        assertThat(written).containsExactly("var.json", "ALPHA/result.json", "BETA/result.json");
        try (InputStream in = Files.newInputStream(out.resolve("var.json"))) {
            assertThat(VarPipeline.readReport(in)).isEqualTo(report);
        }
        try (InputStream in = Files.newInputStream(out.resolve("BETA/result.json"))) {
            PortfolioRiskDocument beta = VarPipeline.readPortfolio(in);
            assertThat(beta.measures()).isEqualTo(report.portfolios().get("BETA"));
            assertThat(beta.contribution()).isEqualTo(report.components().get("BETA"));
            assertThat(beta.businessDate()).isEqualTo(LocalDate.of(2026, 11, 27));
            assertThat(beta.positions()).isEqualTo(1);
        }
        String json = Files.readString(out.resolve("var.json"));
        assertThat(json).contains("\"scenarios\" : 2000", "\"seed\" : 20261120", "\"method\" : \"plain\"",
                "\"horizonDays\" : 1", "\"var95StdError\"", "\"es99StdError\"");
    }

    @Test
    void theDocumentsWritten_areByteForByteWhatTheObjectMapperWrites_signedOrNot() throws IOException {
        // Signatures cover these bytes, and other tools compare them: the writer that spares a run the mapper
        // must not change one of them.
        BookModel model = VarPipeline.prepare(List.of(file("positions.csv", POSITIONS)), explicit(CORR, false),
                Optional.of(LocalDate.of(2026, 11, 27)), TODAY, SETTINGS.withMethod(SamplingMethod.IMPORTANCE));
        VarReport report = VarEngine.sequential().run(model);
        VarReport signed = report.withSignature("hmac-sha256:k1:" + "0123456789abcdef".repeat(4));
        Path out = dir.resolve("out");

        VarPipeline.write(model, signed, OutputSink.directory(out));

        assertThat(Files.readAllBytes(out.resolve("var.json"))).isEqualTo(DocumentJson.mapperBytes(signed));
        assertThat(report.canonicalBytes()).isEqualTo(DocumentJson.mapperBytes(report.withSignature("")));
        try (InputStream in = Files.newInputStream(out.resolve("ALPHA/result.json"))) {
            PortfolioRiskDocument alpha = VarPipeline.readPortfolio(in);
            assertThat(Files.readAllBytes(out.resolve("ALPHA/result.json"))).isEqualTo(DocumentJson.mapperBytes(alpha));
        }
    }

    @Test
    void filesWrittenWithExponents_asNumpysSavetxtWritesThem_giveTheSameBook() throws IOException {
        String market = """
                factor,spot,vol,rate
                AAA,1.000000000000000000e+02,2.000000000000000111e-01,2.999999999999999889e-02
                Y5,4.000000000000000083e-02,2.500000000000000000e-01,0.000000000000000000e+00
                """;
        String corr = """
                Y5,AAA
                1.000000000000000000e+00,-2.999999999999999889e-01
                -2.999999999999999889e-01,1.000000000000000000e+00
                """;
        BookModel plain = VarPipeline.prepare(List.of(file("positions.csv", POSITIONS)), explicit(CORR, false),
                Optional.of(TODAY), TODAY, SETTINGS);
        BookModel exponents = VarPipeline.prepare(List.of(file("positions.csv", POSITIONS)),
                new VarPipeline.ExplicitMarket(file("market-e.csv", market), file("corr-e.csv", corr), false),
                Optional.of(TODAY), TODAY, SETTINGS);

        VarReport expected = VarEngine.sequential().run(plain);
        VarReport actual = VarEngine.sequential().run(exponents);
        assertThat(actual.book()).isEqualTo(expected.book());
        assertThat(actual.portfolios()).isEqualTo(expected.portfolios());
    }
}
