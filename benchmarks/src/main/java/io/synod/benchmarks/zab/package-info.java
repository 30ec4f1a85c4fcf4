/**
 * ZAB beside Multi-Paxos: the same three-replica cluster, storage, batching and clients for both
 * protocols in one JMH run ({@link io.synod.benchmarks.zab.ZabBenchmark}), and the time from the
 * loss of a leader to the first new commit in protocol ticks ({@link io.synod.benchmarks.zab.FailoverTicks}).
 */
package io.synod.benchmarks.zab;
