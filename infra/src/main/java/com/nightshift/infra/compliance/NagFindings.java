package com.nightshift.infra.compliance;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cdk-nag AwsSolutions rule pack as a build gate. cdk-nag reports through synthesis messages
 * (and a CSV in cdk.out) but never fails synthesis itself, so {@link #unsuppressed} collects its
 * warnings and errors and the app fails the build when there are any. A finding is silenced only by
 * a suppression that states its reason next to the resource (see {@link Suppressions}).
 */
public final class NagFindings {

    private NagFindings() {
    }

    /** Adds the AwsSolutions checks to every stack of {@code app}; call before {@code app.synth()}. */
    public static void check(App app) {
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    }

    /**
     * The violations CDK's own template validation wrote to {@code validation-report.json} in the cloud
     * assembly {@code directory} (it reports them but, like cdk-nag, does not fail synthesis), each as
     * {@code rule construct-path: description}.
     */
    public static List<String> templateValidation(Path directory) {
        Path report = directory.resolve("validation-report.json");
        if (!Files.isRegularFile(report)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(report.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + report, e);
        }
        List<String> violations = new ArrayList<>();
        for (JsonNode plugin : root.path("pluginReports")) {
            for (JsonNode violation : plugin.path("violations")) {
                for (JsonNode construct : violation.path("violatingConstructs")) {
                    violations.add(violation.path("ruleName").asText() + " " + construct.path("constructPath").asText()
                            + ": " + violation.path("description").asText());
                }
            }
        }
        return violations;
    }

    /** Each unsuppressed finding as {@code stack path: message}. */
    public static List<String> unsuppressed(CloudAssembly assembly) {
        List<String> findings = new ArrayList<>();
        for (CloudFormationStackArtifact stack : assembly.getStacks()) {
            for (SynthesisMessage message : stack.getMessages()) {
                boolean problem = message.getLevel() == SynthesisMessageLevel.ERROR
                        || message.getLevel() == SynthesisMessageLevel.WARNING;
                String text = String.valueOf(message.getEntry().getData());
                if (problem && text.startsWith("AwsSolutions-")) {
                    findings.add(message.getId() + ": " + text);
                }
            }
        }
        return findings;
    }
}
