package com.nightshift.stages;

import java.io.ByteArrayInputStream;

import com.nightshift.risk.var.VarPipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportRenderer;
import com.nightshift.reporting.ReportComposer;

/**
 * {@code nightshift report RESULT.json [--out FILE.pdf]}: renders a reconciliation or risk result
 * document as the reporting service does; the kind is read from the document itself.
 */
public final class ReportStage {

    private ReportStage() {
    }

    public static void run(Path result, Optional<Path> pdf, PrintStream console) throws IOException {
        Path resultFile = LocalInputs.existing(result, "result");
        byte[] content = Files.readAllBytes(resultFile);
        JsonNode tree = JsonCodec.tree(content);
        ReportDocument document;
        if (tree.hasNonNull("account") && tree.has("counts")) {
            document = ReportComposer.reconciliation(tree, "local-" + resultFile.getFileName(), Instant.now());
        } else if (tree.hasNonNull("portfolio") && tree.has("measures")) {
            // Read as the typed record: a missing field fails here, not as a zero on paper.
            document = ReportComposer.risk(VarPipeline.readPortfolio(new ByteArrayInputStream(content)), "local-" + resultFile.getFileName(), Instant.now());
        } else {
            throw new IllegalArgumentException("report: " + resultFile
                    + " is neither a reconciliation nor a risk result document");
        }
        Path out = pdf.orElse(resultFile.toAbsolutePath().resolveSibling("report.pdf"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.write(out, new ReportRenderer().render(document));
        console.println("report written to " + out.toAbsolutePath());
    }
}
