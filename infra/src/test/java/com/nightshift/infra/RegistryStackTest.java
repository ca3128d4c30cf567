package com.nightshift.infra;

import com.nightshift.infra.config.Workload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

class RegistryStackTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(TestConfigs.stacks(TestConfigs.shipped("local")).registry());
    }

    @Test
    void one_repository_per_service_named_ecr_service_suffix() {
        template.resourceCountIs("AWS::ECR::Repository", Workload.values().length);
        for (Workload workload : Workload.values()) {
            template.hasResourceProperties("AWS::ECR::Repository", Map.of("RepositoryName", "ecr-" + workload.moduleName() + "-local"));
        }
    }

    @Test
    void repositories_scan_on_push_with_immutable_tags_and_kms_encryption() {
        template.allResourcesProperties("AWS::ECR::Repository", Map.of(
                "ImageScanningConfiguration", Map.of("ScanOnPush", true),
                "ImageTagMutability", "IMMUTABLE",
                "EncryptionConfiguration", Map.of("EncryptionType", "KMS")));
    }

    @Test
    void repositories_keep_the_ten_newest_images() {
        template.allResourcesProperties("AWS::ECR::Repository", Map.of("LifecyclePolicy", Map.of(
                "LifecyclePolicyText", Match.serializedJson(Match.objectLike(Map.of("rules", List.of(Match.objectLike(Map.of(
                        "selection", Map.of("tagStatus", "any", "countType", "imageCountMoreThan", "countNumber", 10))))))))));
    }

    @Test
    void repositories_are_deleted_with_the_stack() {
        template.allResources("AWS::ECR::Repository", Map.of("DeletionPolicy", "Delete"));
    }
}
