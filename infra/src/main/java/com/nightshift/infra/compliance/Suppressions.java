package com.nightshift.infra.compliance;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.constructs.IConstruct;

import java.util.List;

/** cdk-nag suppressions; each one carries the reason the finding does not apply, which reviewers read. */
public final class Suppressions {

    private Suppressions() {
    }

    /** Suppresses {@code ruleId} on {@code construct} and its children, for {@code reason}. */
    public static void suppress(IConstruct construct, String ruleId, String reason) {
        suppress(construct, ruleId, reason, List.of());
    }

    /**
     * Suppresses {@code ruleId} for the named finding parts only: strings such as
     * {@code Action::kms:ReEncrypt*}, or {@link #matching} patterns.
     */
    public static void suppress(IConstruct construct, String ruleId, String reason, List<?> appliesTo) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("suppression of " + ruleId + " needs a reason");
        }
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(ruleId).reason(reason);
        if (!appliesTo.isEmpty()) {
            suppression.appliesTo(List.copyOf(appliesTo));
        }
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), true);
    }

    /** A finding part given as a regular expression, e.g. {@code ^Resource::<Buckets.*>/staged/\*$}. */
    public static RegexAppliesTo matching(String regex) {
        return RegexAppliesTo.builder().regex("/" + regex + "/g").build();
    }
}
