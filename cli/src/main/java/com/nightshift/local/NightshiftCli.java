package com.nightshift.local;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.nightshift.stages.ReconcileStage;
import com.nightshift.stages.ReportStage;
import com.nightshift.stages.VarStage;

/**
 * The {@code nightshift} command. {@code bin/nightshift} builds what is missing and runs this class
 * on a JDK 21+.
 */
public final class NightshiftCli {

    private NightshiftCli() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        Path projectRoot = Path.of(System.getProperty("nightshift.home", ".")).toAbsolutePath().normalize();
        Path out = Path.of(System.getProperty("nightshift.out", "out")).toAbsolutePath().normalize();
        try {
            switch (command) {
                case "local" -> new NightlyRun(projectRoot, out, System.out).run();
                case "reconcile" -> ReconcileStage.run(rest(args), out, System.getenv(), System.out);
                case "var" -> VarStage.run(rest(args), out, System.getenv(), System.out);
                case "report" -> ReportStage.run(rest(args), System.out);
                case "destroy" -> EnvironmentDestroyer.run(List.of(args).subList(1, args.length), projectRoot,
                        System.getenv(), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        System.out);
                case "help", "-h", "--help" -> usage();
                default -> {
                    System.err.println("nightshift: unknown command '" + command + "'");
                    usage();
                    System.exit(2);
                }
            }
        } catch (Exception e) {
            System.err.println("nightshift " + command + " failed: " + e.getMessage());
            if (Boolean.getBoolean("nightshift.debug")) {
                e.printStackTrace();
            }
            System.exit(1);
        }
        System.exit(0);
    }

    private static List<String> rest(String[] args) {
        return List.of(args).subList(1, args.length);
    }

    private static void usage() {
        System.out.println("""
                usage: bin/nightshift COMMAND

                  local    run one whole night on the local stack (moto, the workload template, the four
                           services as processes); results and PDF reports are copied to ./out
                  reconcile --ledger FILE --statement FILE [--out DIR]
                           reconcile local CSV files with the service's engine, per (account, booking
                           date) on both sides; result documents under DIR/results/recon (DIR: ./out)
                  var --positions FILE --prices FILE [--date D] [--scenarios N] [--confidence C]
                      [--seed S] [--out DIR]
                           Monte Carlo VaR/ES of local files with the service's defaults; result
                           documents under DIR/results/risk
                  report RESULT.json [--out FILE.pdf]
                           render a reconciliation or risk result document as the PDF report
                  destroy --env <env> [--region <region>] [--yes]
                           delete a deployed environment completely: empty its buckets (every object
                           version), delete its images, then delete the workload and registry stacks;
                           asks first unless --yes; honours AWS_ENDPOINT_URL
                  help     this text
                """);
    }
}
