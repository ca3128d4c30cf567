package com.nightshift.infra.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One deployment environment, read from {@code infra/config/<name>.json} by
 * {@link EnvironmentConfigLoader}. Immutable; every field has been validated when an instance exists.
 *
 * @param environmentSuffix lower-case suffix of every resource and stack name, e.g. {@code dev}
 * @param account           target AWS account, or empty for an account-agnostic template
 * @param region            {@code us-east-1} or {@code us-east-2}
 * @param networkMode       create a VPC, or import one through stack parameters
 * @param natGateways       NAT gateways of a created VPC (1 to 3: tasks pull images through them)
 * @param secretMode        create the application secret, or import it through {@code AppSecretArn}
 * @param certificateArn    ACM certificate for the reports endpoint (HTTPS on 443, port 80 redirects);
 *                          required unless {@code localEmulator}, where empty means plain HTTP on port 80
 * @param tags              tags on every resource (at least Environment, Project, CostCenter)
 * @param services          task size and counts for every service
 * @param collectorImage    the ADOT collector sidecar image, pinned by version tag or digest
 * @param alarms            alarm thresholds
 * @param localEmulator     the environment is the local moto emulator: leave out what its
 *                          CloudFormation cannot create (see {@link com.nightshift.infra.EmulatorLimits})
 * @param bucketMode        create the data, staging and output buckets, or import existing ones by name
 * @param reportingDeployment how reporting-service versions are replaced: rolling or blue/green
 * @param riskSchedule      when EventBridge Scheduler starts the nightly risk run
 * @param securityGroupMode create the security groups, or import them through stack parameters
 *                          (import only with an imported network)
 * @param scanFailSeverity  the lowest image scan finding severity that stops a deployment
 * @param riskRun           the scenario count and shard size of the risk service's VaR runs
 * @param reportsPresignSeconds above 0, the reports API redirects to presigned S3 URLs valid this long;
 *                          0 (the default), it streams the PDFs itself
 * @param reportsJwksUrl    an identity provider's JSON Web Key Set (https), whose RSA-signed tokens the
 *                          reports API accepts beside those of the stack's token key; empty for none
 */
public record EnvironmentConfig(
        String environmentSuffix,
        Optional<String> account,
        String region,
        NetworkMode networkMode,
        int natGateways,
        SecretMode secretMode,
        Optional<String> certificateArn,
        Map<String, String> tags,
        Map<Workload, ServiceSizing> services,
        String collectorImage,
        AlarmThresholds alarms,
        boolean localEmulator,
        BucketMode bucketMode,
        ReportingDeployment reportingDeployment,
        RiskSchedule riskSchedule,
        SecurityGroupMode securityGroupMode,
        ScanSeverity scanFailSeverity,
        RiskRunSize riskRun,
        int reportsPresignSeconds,
        Optional<String> reportsJwksUrl) {

    public EnvironmentConfig {
        tags = Map.copyOf(new LinkedHashMap<>(tags));
        services = Map.copyOf(new EnumMap<>(services));
    }

    public ServiceSizing sizing(Workload workload) {
        return services.get(workload);
    }

    /** The collector's repository path in its upstream registry, e.g. {@code aws-observability/aws-otel-collector}. */
    public String collectorRepository() {
        String path = collectorImage.substring(collectorImage.indexOf('/') + 1);
        int end = path.indexOf('@') >= 0 ? path.indexOf('@') : path.lastIndexOf(':');
        return end < 0 ? path : path.substring(0, end);
    }

    /** The digest {@code collectorImage} pins, when it names one rather than a version tag. */
    public Optional<String> collectorDigest() {
        int at = collectorImage.indexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(collectorImage.substring(at + 1));
    }
}
