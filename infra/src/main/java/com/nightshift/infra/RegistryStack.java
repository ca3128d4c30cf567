package com.nightshift.infra;

import com.nightshift.infra.config.EnvironmentConfig;
import com.nightshift.infra.config.Workload;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryEncryption;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

import java.util.List;

/**
 * {@code nightshift-registry-<suffix>}: one ECR repository per service, {@code ecr-<service>-<suffix>}.
 * A separate stack so images can be pushed before the workload stack that runs them is deployed;
 * the workload stack finds the repositories by name.
 */
public final class RegistryStack extends Stack {

    public static final int IMAGES_KEPT = 10;

    public RegistryStack(Construct scope, EnvironmentConfig config, StackProps props) {
        super(scope, "nightshift-registry-" + config.environmentSuffix(), props);
        for (Workload workload : Workload.values()) {
            Repository repository = Repository.Builder.create(this, workload.logicalName() + "Repository")
                    .repositoryName(repositoryName(workload, config.environmentSuffix()))
                    .imageScanOnPush(true)
                    .imageTagMutability(TagMutability.IMMUTABLE)
                    .encryption(RepositoryEncryption.KMS)
                    .lifecycleRules(List.of(LifecycleRule.builder()
                            .description("Keep the " + IMAGES_KEPT + " newest images")
                            .maxImageCount(IMAGES_KEPT)
                            .build()))
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            CfnOutput output = CfnOutput.Builder.create(this, workload.logicalName() + "RepositoryUri")
                    .value(repository.getRepositoryUri())
                    .build();
            output.overrideLogicalId(workload.logicalName() + "RepositoryUri");
        }
    }

    public static String repositoryName(Workload workload, String environmentSuffix) {
        return "ecr-" + workload.moduleName() + "-" + environmentSuffix;
    }
}
