package io.synod.benchmarks.quorum;

import io.synod.quorum.QuorumSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The cost of building a quorum system, which includes its intersection check: exhaustive over
 * all 65,536 subsets at 16 members (the bound), by argument at 17. Paid once per configuration.
 * Run as described in {@link TrackerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConstructionBenchmark {

    @Param({"majority-16", "weighted-16", "hierarchical-4x4", "majority-17"})
    public String system;

    @Benchmark
    public QuorumSystem construct() {
        return Systems.build(system);
    }
}
