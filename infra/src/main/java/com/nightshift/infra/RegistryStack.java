package com.nightshift.infra;

import com.nightshift.infra.config.EnvironmentConfig;
import com.nightshift.infra.config.Workload;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.CfnPullThroughCacheRule;
import software.amazon.awscdk.services.ecr.CfnRepositoryCreationTemplate;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryEncryption;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

import java.util.List;

/**
 * {@code nightshift-registry-<suffix>}: one ECR repository per service, {@code ecr-<service>-<suffix>},
 * and a pull-through cache of ECR Public under {@code ecr-public-<suffix>/}, so the collector sidecar
 * (and any other public image) is pulled from the account's own registry, by digest, through the VPC
 * endpoints rather than from the internet at every task start.
 * A separate stack so images can be pushed (and the cache warmed) before the workload stack that runs
 * them is deployed; the workload stack finds the repositories by name.
 */
public final class RegistryStack extends Stack {

    public static final int IMAGES_KEPT = 10;
    /** The registry the pull-through cache mirrors. */
    public static final String PUBLIC_UPSTREAM = "public.ecr.aws";

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
            Outputs.of(this).add(workload.logicalName() + "RepositoryUri", repository.getRepositoryUri());
        }
        String prefix = publicCachePrefix(config.environmentSuffix());
        CfnPullThroughCacheRule cache = CfnPullThroughCacheRule.Builder.create(this, "PublicImageCache")
                .ecrRepositoryPrefix(prefix)
                .upstreamRegistryUrl(PUBLIC_UPSTREAM)
                .build();
        // The cache creates its repositories on first pull, outside this stack; the template gives them
        // the same encryption, scanning-relevant settings and retention as the stack's own repositories.
        // Tags stay mutable: the cache refreshes an upstream tag in place, which immutable tags would refuse.
        CfnRepositoryCreationTemplate template = CfnRepositoryCreationTemplate.Builder.create(this, "PublicImageCacheRepositories")
                .prefix(prefix)
                .appliedFor(List.of("PULL_THROUGH_CACHE"))
                .description("Repositories the pull-through cache of " + PUBLIC_UPSTREAM + " creates for Nightshift "
                        + config.environmentSuffix())
                .encryptionConfiguration(CfnRepositoryCreationTemplate.EncryptionConfigurationProperty.builder()
                        .encryptionType("KMS")
                        .build())
                .imageTagMutability("MUTABLE")
                .lifecyclePolicy("{\"rules\":[{\"rulePriority\":1,\"description\":\"Keep the " + IMAGES_KEPT
                        + " newest images\",\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
                        + "\"countNumber\":" + IMAGES_KEPT + "},\"action\":{\"type\":\"expire\"}}]}")
                .build();
        cache.getNode().addDependency(template);
        Outputs.of(this).add("PublicImageCachePrefix", prefix);
    }

    public static String repositoryName(Workload workload, String environmentSuffix) {
        return "ecr-" + workload.moduleName() + "-" + environmentSuffix;
    }

    /** The repository prefix of the pull-through cache: {@code ecr-public-<suffix>}. */
    public static String publicCachePrefix(String environmentSuffix) {
        return "ecr-public-" + environmentSuffix;
    }

    /** Where an ECR Public repository ({@code aws-observability/aws-otel-collector}) is cached in the account. */
    public static String cachedRepositoryName(String environmentSuffix, String upstreamRepository) {
        return publicCachePrefix(environmentSuffix) + "/" + upstreamRepository;
    }
}
