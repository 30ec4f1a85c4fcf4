package io.synod.benchmarks.quorum;

import io.synod.quorum.QuorumSystem;
import io.synod.quorum.VoteTracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The cost of counting one round of votes with each kind of tracker.
 *
 * <pre>{@code
 * mvn -B -q -DskipTests package
 * java -jar benchmarks/target/benchmarks.jar 'io.synod.benchmarks.quorum' -f 1 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
public class TrackerBenchmark {

    @Param({"majority-5", "weighted-9", "hierarchical-3x3", "flexible-grid-3x3"})
    public String system;

    private VoteTracker tracker;
    private int[] voters;

    @Setup
    public void setUp() {
        QuorumSystem q = Systems.build(system);
        tracker = q.newTracker();
        voters = q.members();
    }

    /** One round: forget, record everyone once, ask after each vote as a proposer would. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int trackerRound() {
        tracker.reset();
        int asked = 0;
        for (int v : voters) {
            tracker.record(v);
            if (tracker.isPhase2Quorum()) {
                asked++;
            }
        }
        return asked;
    }
}
