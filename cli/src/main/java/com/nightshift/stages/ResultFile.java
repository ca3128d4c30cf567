package com.nightshift.stages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.nightshift.common.manifest.SignedDocument;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;

/**
 * A result file that {@code verify} and {@code replay} take: a reconciliation's {@code result.json} or a VaR
 * run's {@code var.json}, read as its typed document (a missing or unknown field fails, naming it).
 */
sealed interface ResultFile permits ResultFile.Reconciliation, ResultFile.Var {

    /** The file it was read from. */
    Path path();

    /** The document, whose signature covers it whole. */
    SignedDocument<?> document();

    /** A reconciliation of one account. */
    record Reconciliation(Path path, ReconciliationDocument document) implements ResultFile {
    }

    /** A VaR run. */
    record Var(Path path, VarReport document) implements ResultFile {
    }

    /**
     * Reads {@code file}: {@code var.json} as a VaR run, any other name as a reconciliation result.
     *
     * @throws IllegalArgumentException naming the file and what is wrong when it is missing or not such a document
     */
    static ResultFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a readable file");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
        if (file.getFileName().toString().equals(VarPipeline.VAR_JSON)) {
            try {
                return new Var(file, VarPipeline.readReport(new ByteArrayInputStream(content)));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " is not a VaR result document: "
                        + com.nightshift.common.io.DocumentJson.problem(e), e);
            }
        }
        return new Reconciliation(file, ReconciliationDocument.read(file.toString(), new ByteArrayInputStream(content)));
    }
}
