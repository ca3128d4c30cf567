package com.nightshift.local;

import java.nio.file.Path;

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

    private static void usage() {
        System.out.println("""
                usage: bin/nightshift COMMAND

                  local    run one whole night on the local stack (moto, the workload template, the four
                           services as processes); results and PDF reports are copied to ./out
                  help     this text
                """);
    }
}
