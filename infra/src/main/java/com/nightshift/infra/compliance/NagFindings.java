package com.nightshift.infra.compliance;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

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
