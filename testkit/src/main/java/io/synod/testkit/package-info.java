/**
 * Deterministic simulation testing for Synod protocols and for users' state machines.
 *
 * <p>A {@link io.synod.testkit.Simulation} drives N protocol cores through exactly the SPI the
 * production runtime uses ({@code Protocol.create}, {@code step}/{@code tick}/{@code propose}/
 * {@code read}/{@code compacted}, each {@code Ready} carried out as persist → send → apply →
 * answer, committed entries applied through {@code ReplicatedState}) under virtual time and one
 * seeded random source. Faults come from a {@link io.synod.testkit.FaultProfile}: a lossy,
 * duplicating, reordering network, partitions of five kinds (taking turns, or overlapping),
 * swizzle-clogging, crashes at any point of a Ready with loss of unsynced writes, quick restarts,
 * pauses (the node then takes every missed tick before anything else), a failed {@code sync} that
 * stops a node for good, and damaged tail records or snapshots that recovery reports as
 * {@code Recovered.suspectFrom}. Clients work in replicated sessions (opened through the log,
 * pinged, now and then abandoned so that they expire) and record a history that the
 * linearizability checker ({@code io.synod.testkit.lin}) judges; agreement, validity and gap-free
 * commit order are checked after every event, that every node ends the same sessions at the same
 * index after every applied entry, plus any protocol {@link io.synod.testkit.Invariant}. Each
 * node's core stamps its batches with a wall clock of its own: virtual time plus a seeded skew. A failed run
 * names the check that caught it ({@link io.synod.testkit.Checks}), so that
 * {@link io.synod.testkit.Calibration} can show a deliberately broken variant is caught by the
 * check meant for it while the correct protocol passes the same seed.
 *
 * <p>Observers ({@code SimulationConfig.Builder.observers(n)}) run beside the voters and must
 * learn the log; with {@link io.synod.testkit.ReadMode#LOCAL} clients read from any node's own
 * state, and the history is checked for sequential consistency with the log's order
 * ({@code io.synod.testkit.lin.SequentialConsistencyChecker}) instead of linearizability. Commit
 * protocols, which are not a log, are checked by {@code io.synod.testkit.commit.AtomicityOracle}.
 *
 * <p><b>Determinism.</b> A run depends on its configuration and seed only; the same seed gives
 * the same trace, byte for byte. Cores must take randomness only from
 * {@code ProtocolContext.random()} and messages should be records (their traces are rendered
 * component by component).
 *
 * <p><b>Threading.</b> A simulation runs on the calling thread; runs share nothing and may run
 * in parallel.
 *
 * <pre>{@code
 * class MyProtocolConformanceTest extends ReplicationConformanceSuite {
 *     protected Protocol protocol(int replicas) { return MyProtocol.builder().build(); }
 * }
 * // mvn -pl myprotocol test -Dsynod.seeds=20000                 (soak)
 * // mvn -pl myprotocol test -Dtest=MyProtocolConformanceTest#mixed3 -Dsynod.seed=1729 -Dsynod.trace=target/sim-trace
 * }</pre>
 */
package io.synod.testkit;
