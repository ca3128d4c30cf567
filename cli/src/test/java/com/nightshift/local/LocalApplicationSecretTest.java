package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.emulator.MotoServer;
import com.nightshift.common.json.JsonCodec;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The application secret the local stack creates for the imported-secret local environment (moto),
 * which its task definitions read both keys from: the manifest signing key and the reports token key.
 */
class LocalApplicationSecretTest {

    @TempDir
    Path logs;
    private MotoServer moto;
    private AwsClients clients;
    private SecretsManagerClient secrets;

    @BeforeEach
    void startEmulator() throws Exception {
        moto = MotoServer.start(logs.resolve("moto.log"));
        clients = new AwsClients(AwsEndpoint.emulator(moto.endpoint(), Region.US_EAST_1));
        secrets = clients.configure(SecretsManagerClient.builder()).build();
    }

    @AfterEach
    void stop() {
        secrets.close();
        moto.close();
    }

    @Test
    void a_fresh_secret_holds_both_keys_and_the_token_key_signs_tokens_the_api_verifies() throws Exception {
        String arn = LocalStack.applicationSecret(clients);

        JsonNode value = value(arn);
        assertThat(value.path("manifestSigningKey").asText()).matches("[0-9a-f]{64}");
        String tokenKey = value.path(LocalStack.TOKEN_KEY_FIELD).asText();
        assertThat(tokenKey).matches("[0-9a-f]{64}").isNotEqualTo(value.path("manifestSigningKey").asText());
        String resolved = new TaskDefinitionEnvironment(null, null, secrets).resolve(arn + ":reportsTokenKey::", "test");
        SignedJWT token = SignedJWT.parse(ReportsAccessToken.issue(resolved, "nightshift-local", Instant.now(),
                ReportsAccessToken.LOCAL_VALIDITY));
        assertThat(token.verify(new MACVerifier(tokenKey.getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    @Test
    void a_secret_left_by_an_older_run_gets_the_token_key_and_keeps_its_signing_key() {
        String arn = secrets.createSecret(b -> b.name(LocalStack.SECRET_NAME)
                .secretString("{\"manifestSigningKey\":\"kept\"}")).arn();

        assertThat(LocalStack.applicationSecret(clients)).isEqualTo(arn);

        JsonNode value = value(arn);
        assertThat(value.path("manifestSigningKey").asText()).isEqualTo("kept");
        assertThat(value.path(LocalStack.TOKEN_KEY_FIELD).asText()).matches("[0-9a-f]{64}");
    }

    private JsonNode value(String arn) {
        return JsonCodec.tree(secrets.getSecretValue(b -> b.secretId(arn)).secretString().getBytes(StandardCharsets.UTF_8));
    }
}
