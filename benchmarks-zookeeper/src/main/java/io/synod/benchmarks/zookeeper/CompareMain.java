package io.synod.benchmarks.zookeeper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        Args a = new Args(args, CompareMain::usage);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> {
                    if (i + 1 >= args.length) {
                        usage("--out needs a directory");
                    }
                    out = Path.of(args[++i]);
                }
                case "--quick" -> profile = Profile.quick().withJfr(profile.jfr());
                case "--jfr" -> profile = profile.withJfr(true);
                case "--cpus" -> {
                    try {
                        profile = profile.withCpus(CpuSplit.parse(a.value(++i)));
                    } catch (IllegalArgumentException e) {
                        usage(e.getMessage());
                    }
                }
                case "--synod-config" -> {
                    List<String> lines = new ArrayList<>(profile.synodConfig());
                    lines.add(a.value(++i));
                    profile = profile.withSynodConfig(lines);
                }
                case "--rounds" -> profile = profile.withRounds(a.number(++i));
                case "--warmup-rounds" -> profile = profile.withWarmupRounds(a.number(++i));
                case "--failovers" -> profile = profile.withFailovers(a.number(++i));
                case "--znodes" -> profile = profile.withZnodes(a.number(++i));
                case "--restarts" -> profile = profile.withRestarts(a.number(++i));
                case "--systems" -> profile = profile.withSystems(Arrays.stream(a.value(++i).split(","))
                    .map(a::system).toList());
                case "--workloads" -> profile = profile.withWorkloads(Arrays.stream(a.value(++i).split(","))
                    .map(CompareMain::workload).toList());
                default -> usage("unknown argument " + args[i]);
            }
        }
        Comparison.Result r = run(profile, out, System.getProperty("java.class.path"), command(args));
        System.out.print(Report.markdown(r, command(args)));
        System.out.println("wrote " + out.toAbsolutePath() + "/{results.json,results.md,throughput.png,latency.png}");
    }

    /** Runs {@code profile}, its servers on {@code classPath}, and writes the report (naming {@code command}) into {@code out}. */
    public static Comparison.Result run(Profile profile, Path out, String classPath, String command) throws IOException {
        Comparison.Result r = Comparison.run(profile, out, classPath, System.out);
        Report.write(r, out, command);
        Chart.write(r, out);
        return r;
    }




    private static Workload workload(String name) {
        return Arrays.stream(Workload.values()).filter(w -> w.name().equalsIgnoreCase(name.replace('-', '_')))
            .findFirst().orElseGet(() -> {
                usage("unknown workload " + name + "; known: " + Arrays.toString(Workload.values()));
                return null;
            });
    }

    static String command(String[] args) {
        return "java -cp \"$(cat benchmarks-zookeeper/target/classpath.txt):benchmarks-zookeeper/target/classes\" "
            + "io.synod.benchmarks.zookeeper.CompareMain " + String.join(" ", List.of(args));
    }

    private static void usage(String problem) {
        System.err.println("CompareMain: " + problem);
        System.err.println("usage: CompareMain [--out DIR] [--quick] [--warmup-rounds N] [--rounds N] [--failovers N] [--znodes N (0: none)] [--restarts N]"
            + " [--systems synod-zab,synod-multi-paxos,zookeeper] [--workloads set_data,get_data,...] [--jfr] [--synod-config key=value]... [--cpus SERVERS/DRIVER]");
        System.exit(2);
    }
}
