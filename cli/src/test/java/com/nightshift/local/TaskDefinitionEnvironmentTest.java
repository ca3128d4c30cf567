package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.emulator.LocalAws;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Secrets resolved the way the ECS agent resolves a container's {@code secrets[].valueFrom}. */
class TaskDefinitionEnvironmentTest {

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static SecretsManagerClient secrets;
    private static String arn;

    @BeforeAll
    static void createSecret() {
        secrets = AWS.client(clients -> clients.configure(SecretsManagerClient.builder()).build());
        arn = secrets.createSecret(b -> b.name("secret-app-test")
                .secretString("{\"manifestSigningKey\":\"k-123\",\"other\":\"o\"}")).arn();
    }

    private static TaskDefinitionEnvironment environment() {
        return new TaskDefinitionEnvironment(null, null, secrets);
    }

    @Test
    void json_key_selects_one_field_of_the_secret() {
        assertThat(environment().resolve(arn + ":manifestSigningKey::", "test")).isEqualTo("k-123");
    }

    @Test
    void plain_arn_gives_the_whole_secret_string() {
        assertThat(environment().resolve(arn, "test")).contains("\"other\":\"o\"");
    }

    @Test
    void missing_json_key_is_an_error_naming_the_key() {
        assertThatThrownBy(() -> environment().resolve(arn + ":absent::", "c secret X"))
                .hasMessageContaining("absent").hasMessageContaining("c secret X");
    }

    @Test
    void value_from_that_is_not_a_secrets_manager_arn_is_refused() {
        assertThatThrownBy(() -> environment().resolve("arn:aws:ssm:us-east-1:1:parameter/x", "c"))
                .hasMessageContaining("not a Secrets Manager ARN");
    }
}
