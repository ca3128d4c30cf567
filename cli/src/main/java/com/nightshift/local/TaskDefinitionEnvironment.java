package com.nightshift.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads back, from a deployed stack, the configuration ECS would give each service's container: the
 * task definition's environment variables, and its secrets resolved through Secrets Manager the way
 * the ECS agent resolves them ({@code valueFrom} = secret ARN, optionally {@code :json-key:stage:version}).
 */
final class TaskDefinitionEnvironment {

    private final CloudFormationClient cloudFormation;
    private final EcsClient ecs;
    private final SecretsManagerClient secrets;

    TaskDefinitionEnvironment(CloudFormationClient cloudFormation, EcsClient ecs, SecretsManagerClient secrets) {
        this.cloudFormation = cloudFormation;
        this.ecs = ecs;
        this.secrets = secrets;
    }

    /** Container name to its environment, for every container in {@code containerNames} found in the stack. */
    Map<String, Map<String, String>> read(String stackName, Set<String> containerNames) {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (StackResourceSummary resource : cloudFormation.listStackResourcesPaginator(b -> b.stackName(stackName))
                .stackResourceSummaries()) {
            if (!"AWS::ECS::TaskDefinition".equals(resource.resourceType())) {
                continue;
            }
            List<ContainerDefinition> containers = ecs.describeTaskDefinition(b -> b.taskDefinition(
                    resource.physicalResourceId())).taskDefinition().containerDefinitions();
            for (ContainerDefinition container : containers) {
                if (containerNames.contains(container.name())) {
                    environments.put(container.name(), environmentOf(container));
                }
            }
        }
        return environments;
    }

    private Map<String, String> environmentOf(ContainerDefinition container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (KeyValuePair variable : container.environment()) {
            environment.put(variable.name(), variable.value());
        }
        for (var secret : container.secrets()) {
            environment.put(secret.name(), resolve(secret.valueFrom(), container.name() + " secret " + secret.name()));
        }
        return environment;
    }

    /** Resolves {@code arn:aws:secretsmanager:region:account:secret:name[:json-key[:stage[:version]]]}. */
    String resolve(String valueFrom, String what) {
        String[] parts = valueFrom.split(":", -1);
        if (parts.length < 7 || !"secretsmanager".equals(parts[2])) {
            throw new IllegalStateException(what + ": valueFrom '" + valueFrom + "' is not a Secrets Manager ARN");
        }
        String secretId = String.join(":", List.of(parts).subList(0, 7));
        String jsonKey = parts.length > 7 ? parts[7] : "";
        String stage = parts.length > 8 ? parts[8] : "";
        String version = parts.length > 9 ? parts[9] : "";
        String value = secrets.getSecretValue(b -> {
            b.secretId(secretId);
            if (!stage.isEmpty()) {
                b.versionStage(stage);
            }
            if (!version.isEmpty()) {
                b.versionId(version);
            }
        }).secretString();
        if (jsonKey.isEmpty()) {
            return value;
        }
        JsonNode field = JsonCodec.tree(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)).path(jsonKey);
        if (field.isMissingNode() || field.isNull()) {
            throw new IllegalStateException(what + ": secret " + secretId + " has no JSON key '" + jsonKey + "'");
        }
        return field.asText();
    }
}
