package com.nightshift.infra.compliance;

import java.util.List;

/** Synthesis produced cdk-nag findings that no suppression explains; the message lists them all. */
public final class ComplianceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> findings;

    public ComplianceException(List<String> findings) {
        super(findings.size() + " unsuppressed finding(s) of cdk-nag or CDK template validation:\n  " + String.join("\n  ", findings));
        this.findings = List.copyOf(findings);
    }

    public List<String> findings() {
        return findings;
    }
}
