package com.nightshift.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nightshift.risk.var.VarSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modes the local configuration does not use: a created secret, an imported VPC and an HTTPS
 * endpoint (the dev configuration with the network imported and a certificate added).
 */
class WorkloadStackVariantsTest {

    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab";
    private static Template template;

    @BeforeAll
    static void synthesize() {
        var config = TestConfigs.variant("dev", root -> {
            ((ObjectNode) root.get("network")).put("mode", "import").remove("natGateways");
            root.put("certificateArn", CERTIFICATE);
        });
        template = Template.fromStack(TestConfigs.stacks(config).workload());
    }

    @Test
    void without_a_risk_block_the_risk_task_gets_the_var_settings_defaults() {
        template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Name", "risk-calculation", "Environment", Match.arrayWith(List.of(
                        Map.of("Name", "VAR_SCENARIOS", "Value", "" + VarSettings.DEFAULT_SCENARIOS),
                        Map.of("Name", "VAR_SHARD_SCENARIOS", "Value", "" + VarSettings.DEFAULT_SHARD_SCENARIOS)))))))));
    }

    @Test
    void created_secret_generates_the_manifest_signing_key() {
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", "secret-app-dev",
                "GenerateSecretString", Match.objectLike(Map.of("GenerateStringKey", "manifestSigningKey"))));
        assertThat(template.toJSON().get("Parameters").toString()).doesNotContain("AppSecretArn");
    }

    @Test
    void created_secrets_include_a_generated_encrypted_token_key_for_the_reports_api() {
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", "secret-reports-token-dev",
                "KmsKeyId", Match.anyValue(),
                "GenerateSecretString", Match.objectLike(Map.of("GenerateStringKey", "reportsTokenKey",
                        "PasswordLength", 64))));
        Object tokenKey = Map.of("Name", "REPORTS_TOKEN_KEY", "ValueFrom", Map.of("Fn::Join", List.of("", List.of(
                Map.of("Ref", Match.stringLikeRegexp("ReportsTokenSecret.*")), ":reportsTokenKey::"))));
        Object reporting = Match.objectLike(Map.of("Name", "reporting-service", "Secrets", Match.arrayWith(List.of(tokenKey))));
        template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions",
                Match.arrayWith(List.of(reporting))));
    }

    @Test
    void imported_network_comes_from_stack_parameters() {
        template.resourceCountIs("AWS::EC2::VPC", 0);
        template.hasParameter("VpcId", Map.of("Type", "AWS::EC2::VPC::Id"));
        template.hasParameter("PrivateSubnetIds", Map.of("Type", "List<AWS::EC2::Subnet::Id>"));
        template.hasParameter("PublicSubnetIds", Map.of("Type", "List<AWS::EC2::Subnet::Id>"));
        assertThat(template.toJSON().get("Parameters").toString()).doesNotContain("AvailabilityZones");
    }

    @Test
    void outside_the_emulator_the_dashboard_shows_alarm_states_and_the_key_is_tagged() {
        template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardBody",
                Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(Match.stringLikeRegexp(".*\\\"type\\\":\\\"alarm\\\".*")))))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("Tags", Match.arrayWith(List.of(Map.of("Key", "Environment", "Value", "dev")))));
    }

    @Test
    void with_a_certificate_the_endpoint_serves_https_and_redirects_http() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Protocol", "HTTPS", "Port", 443, "Certificates", List.of(Map.of("CertificateArn", CERTIFICATE))));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Protocol", "HTTP", "Port", 80,
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "redirect",
                        "RedirectConfig", Match.objectLike(Map.of("Protocol", "HTTPS", "Port", "443")))))));
        template.hasOutput("ReportsEndpoint", Map.of("Value", Map.of("Fn::Join", List.of("",
                List.of("https://", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "DNSName")))))));
    }
}
