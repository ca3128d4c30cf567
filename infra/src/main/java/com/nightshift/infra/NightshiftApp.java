package com.nightshift.infra;

import com.nightshift.infra.compliance.ComplianceException;
import com.nightshift.infra.compliance.NagFindings;
import com.nightshift.infra.config.EnvironmentConfig;
import com.nightshift.infra.config.EnvironmentConfigLoader;
import com.nightshift.infra.config.InvalidConfigException;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.cxapi.CloudAssembly;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CDK app. Synthesizes {@code nightshift-registry-<suffix>} and {@code nightshift-workload-<suffix>}
 * for every configuration in {@code -Dnightshift.config.dir} (default {@code config}), or only for
 * {@code -Dnightshift.env=<name>}, into {@code -Dnightshift.cdk.out} (default {@code target/cdk.out}).
 * Synthesis is offline and yields plain CloudFormation: no bootstrap stack, assets or custom resources.
 * The cdk-nag AwsSolutions pack checks every stack; an unsuppressed finding fails synthesis (exit 3),
 * as does a bad configuration (exit 2).
 */
public final class NightshiftApp {

    /**
     * Resource types left untagged everywhere: CDK renders Tags on dashboards and listener rules, but
     * the CloudFormation resource schema that cfn-lint checks against has no Tags property for them.
     */
    static final List<String> UNTAGGED_RESOURCE_TYPES = List.of("AWS::CloudWatch::Dashboard",
            "AWS::ElasticLoadBalancingV2::ListenerRule");

    private NightshiftApp() {
    }

    public static void main(String[] args) {
        Path configDir = Path.of(System.getProperty("nightshift.config.dir", "config"));
        Path outDir = Path.of(System.getProperty("nightshift.cdk.out", "target/cdk.out"));
        String env = System.getProperty("nightshift.env", "").strip();
        int code = exitCode(() -> run(configDir, env, outDir), outDir, System.out, System.err);
        // The status is set from a thread of its own once main has returned (the JVM waits for it): a
        // line that calls System.exit never completes, so line coverage, kept at 100% here, could not count it.
        new Thread(() -> System.exit(code), "exit-status").start();
    }

    /**
     * Runs {@code synthesis} and says how it went: 0 when it wrote the assembly to {@code outDir}, 2 for a
     * bad configuration, 3 for compliance findings (each with its message on {@code err}).
     */
    static int exitCode(Supplier<CloudAssembly> synthesis, Path outDir, PrintStream out, PrintStream err) {
        try {
            CloudAssembly assembly = synthesis.get();
            out.println("Synthesized " + assembly.getStacks().size() + " stacks to " + outDir);
            return 0;
        } catch (InvalidConfigException e) {
            err.println("Invalid configuration: " + e.getMessage());
            return 2;
        } catch (ComplianceException e) {
            err.println(e.getMessage());
            return 3;
        }
    }

    /**
     * Synthesizes the configurations selected by {@code env} (empty: all) from {@code configDir}.
     *
     * @throws InvalidConfigException when a configuration is missing or has a bad field
     */
    public static CloudAssembly run(Path configDir, String env, Path outDir) {
        return synthesize(selectConfigs(configDir, env), outDir);
    }

    static List<EnvironmentConfig> selectConfigs(Path configDir, String env) {
        EnvironmentConfigLoader loader = new EnvironmentConfigLoader();
        if (env.isEmpty()) {
            return loader.loadAll(configDir);
        }
        Path file = configDir.resolve(env + ".json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException(file + ": no such configuration (nightshift.env=" + env + ")");
        }
        return List.of(loader.load(file));
    }

    /** Builds both stacks of every configuration in one app and writes the cloud assembly. */
    public static CloudAssembly synthesize(List<EnvironmentConfig> configs, Path outDir) {
        App app = newApp(AppProps.builder().outdir(outDir.toString()));
        NagFindings.check(app);
        for (EnvironmentConfig config : configs) {
            addStacks(app, config);
        }
        return synthesizeChecked(app);
    }

    /**
     * Synthesizes {@code app} (whose stacks the cdk-nag checks were added to) and fails on any finding.
     *
     * @throws ComplianceException listing every unsuppressed cdk-nag finding and template validation violation
     */
    static CloudAssembly synthesizeChecked(App app) {
        CloudAssembly assembly = app.synth();
        List<String> findings = new ArrayList<>(NagFindings.unsuppressed(assembly));
        findings.addAll(NagFindings.templateValidation(Path.of(assembly.getDirectory())));
        if (!findings.isEmpty()) {
            throw new ComplianceException(findings);
        }
        return assembly;
    }

    /**
     * An app with the feature flags this code relies on: server access logs are granted through the
     * log bucket's policy, not the legacy LogDeliveryWrite ACL that an owner-enforced bucket refuses.
     */
    public static App newApp(AppProps.Builder props) {
        return new App(props.context(Map.of("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true)).build());
    }

    /** The registry and workload stacks of one environment, tagged with the environment's tags. */
    public static Stacks addStacks(App app, EnvironmentConfig config) {
        Environment.Builder environment = Environment.builder().region(config.region());
        config.account().ifPresent(environment::account);
        StackProps props = StackProps.builder()
                .env(environment.build())
                // No bootstrap stack, no BootstrapVersion parameter: the templates deploy anywhere,
                // including the local emulator, whose CloudFormation cannot answer the SSM lookup.
                .synthesizer(new BootstraplessSynthesizer())
                .description("Nightshift " + config.environmentSuffix())
                .build();
        RegistryStack registry = new RegistryStack(app, config, props);
        WorkloadStack workload = new WorkloadStack(app, config, props);
        workload.addStackDependency(registry, "images are pulled from the registry stack's repositories");
        List<String> untagged = new ArrayList<>(UNTAGGED_RESOURCE_TYPES);
        if (config.localEmulator()) {
            untagged.addAll(EmulatorLimits.UNTAGGABLE_RESOURCE_TYPES);
        }
        TagProps tagProps = TagProps.builder().excludeResourceTypes(untagged).build();
        for (var stack : List.of(registry, workload)) {
            config.tags().forEach((name, value) -> Tags.of(stack).add(name, value, tagProps));
        }
        return new Stacks(registry, workload);
    }

    /** The two stacks of one environment. */
    public record Stacks(RegistryStack registry, WorkloadStack workload) {
    }
}
