package io.synod.benchmarks.zookeeper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Synod against Apache ZooKeeper, side by side, in one run on this machine:
 * {@code java -cp <class path> io.synod.benchmarks.zookeeper.CompareMain --out target/vs-zk [--quick]}.
 * Starts the ensembles as processes on 127.0.0.1 (the servers run on this JVM's class path), runs the
 * workloads against each in turn, prints the figures and the ratios Synod/ZooKeeper, writes
 * results.json, results.md, throughput.png and latency.png into the output directory, and stops every
 * process it started by its PID.
 */
public final class CompareMain {

    private CompareMain() {
    }

    public static void main(String[] args) throws IOException {
        // the client library logs every connection at INFO; the figures are what this command prints
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path out = Path.of("target/vs-zk");
        Profile profile = Profile.full();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> {
                    if (i + 1 >= args.length) {
                        usage("--out needs a directory");
                    }
                    out = Path.of(args[++i]);
                }
                case "--quick" -> profile = Profile.quick();
                default -> usage("unknown argument " + args[i]);
            }
        }
        Comparison.Result r = run(profile, out, System.getProperty("java.class.path"));
        System.out.print(Report.markdown(r, command(args)));
        System.out.println("wrote " + out.toAbsolutePath() + "/{results.json,results.md,throughput.png,latency.png}");
    }

    /** Runs {@code profile}, its servers on {@code classPath}, and writes the report into {@code out}. */
    public static Comparison.Result run(Profile profile, Path out, String classPath) throws IOException {
        Comparison.Result r = Comparison.run(profile, out, classPath, System.out);
        Report.write(r, out, command(profile.name().equals("quick") ? new String[] {"--quick", "--out", out.toString()}
            : new String[] {"--out", out.toString()}));
        Chart.write(r, out);
        return r;
    }

    private static String command(String[] args) {
        return "java -cp \"$(cat benchmarks-zookeeper/target/classpath.txt):benchmarks-zookeeper/target/classes\" "
            + "io.synod.benchmarks.zookeeper.CompareMain " + String.join(" ", List.of(args));
    }

    private static void usage(String problem) {
        System.err.println("CompareMain: " + problem);
        System.err.println("usage: CompareMain [--out DIR] [--quick]");
        System.exit(2);
    }
}
