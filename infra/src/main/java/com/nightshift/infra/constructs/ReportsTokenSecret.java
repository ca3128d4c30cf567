package com.nightshift.infra.constructs;

import com.nightshift.infra.compliance.Suppressions;
import com.nightshift.infra.config.SecretMode;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The key that signs and verifies the reports API's bearer tokens (HS256 JWTs): the field
 * {@value #FIELD} of a JSON secret, given to reporting-service as {@value #VARIABLE}. In {@code create}
 * mode the stack generates it in a secret of its own, {@code secret-reports-token-<suffix>} (64
 * characters, encrypted with the workload key); in {@code import} mode it is a field of the imported
 * application secret ({@code AppSecretArn}), so an imported environment needs no further parameter.
 */
public final class ReportsTokenSecret extends Construct {

    public static final String FIELD = "reportsTokenKey";
    public static final String VARIABLE = "REPORTS_TOKEN_KEY";

    private final ISecret secret;

    public ReportsTokenSecret(Construct scope, String id, SecretMode mode, String environmentSuffix, IKey key,
                              AppSecret appSecret) {
        super(scope, id);
        if (mode == SecretMode.IMPORT) {
            this.secret = appSecret.secret();
        } else {
            this.secret = AppSecret.generated(this, "secret-reports-token-" + environmentSuffix,
                    "Nightshift reports API: the key bearer tokens are signed with (" + FIELD + ")", FIELD, key);
            Suppressions.suppress(secret, "AwsSolutions-SMG4",
                    "Rotating the token key ends every token signed with the old one at once; it is rotated as a "
                            + "planned change (docs/operations.md), and the tokens themselves are short-lived.");
        }
    }

    /** The container secret for {@value #VARIABLE}. */
    public software.amazon.awscdk.services.ecs.Secret containerSecret() {
        return software.amazon.awscdk.services.ecs.Secret.fromSecretsManager(secret, FIELD);
    }
}
