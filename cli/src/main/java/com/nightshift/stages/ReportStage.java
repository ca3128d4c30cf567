package com.nightshift.stages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportRenderer;
import com.nightshift.reporting.service.ReportComposer;

/**
 * {@code nightshift report RESULT.json [--out FILE.pdf]}: renders a reconciliation or risk result
 * document as the reporting service does; the kind is read from the document itself.
 */
public final class ReportStage {

    private ReportStage() {
    }

    public static void run(List<String> args, PrintStream console) throws IOException {
        Arguments arguments = Arguments.parse("report", args, Set.of("out"));
        if (arguments.positional().size() != 1) {
            throw new IllegalArgumentException("report: give exactly one result document (result.json)");
        }
        Path resultFile = arguments.existing(Path.of(arguments.positional().getFirst()), "result");
        JsonNode result = JsonCodec.tree(Files.readAllBytes(resultFile));
        ReportDocument document;
        if (result.hasNonNull("account") && result.has("counts")) {
            document = ReportComposer.reconciliation(result, Instant.now());
        } else if (result.hasNonNull("portfolio") && result.has("valueAtRisk")) {
            document = ReportComposer.risk(result, Instant.now());
        } else {
            throw new IllegalArgumentException("report: " + resultFile
                    + " is neither a reconciliation nor a risk result document");
        }
        Path out = arguments.option("out").map(Path::of)
                .orElse(resultFile.toAbsolutePath().resolveSibling("report.pdf"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.write(out, new ReportRenderer().render(document));
        console.println("report written to " + out.toAbsolutePath());
    }
}
