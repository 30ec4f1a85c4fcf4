/**
 * Checks for atomic commit protocols ({@code io.synod.api.commit}), which decide per transaction
 * rather than extend a log: the {@link io.synod.testkit.commit.AtomicityOracle} stands where
 * per-index agreement stands for replication — all deciders of a transaction decide alike, a
 * commit only if all participants voted yes — and keeps how long participants stayed uncertain,
 * so that a run can report which protocol blocked, for how long.
 *
 * <p>The {@link io.synod.testkit.commit.CommitSimulation} drives any
 * {@link io.synod.api.commit.CommitCore} through a {@link io.synod.testkit.commit.CommitScenario}:
 * seeded, in virtual ticks, with message loss, delay and duplication, crashes and restarts from
 * the durable records, partitions between given node sets and one
 * {@link io.synod.testkit.commit.ScriptedFault} at a named protocol point. A
 * {@link io.synod.testkit.commit.CommitRun} says whether atomicity held (or which check caught it,
 * with the seed), which participants were blocked at the horizon and for how long, and the
 * messages, stable-storage writes and message delays per transaction.
 * {@link io.synod.testkit.commit.CommitSeeds} runs many seeds and prints the one-line replay.
 *
 * <pre>{@code
 * AtomicityOracle oracle = new AtomicityOracle();
 * // the driver reports: begun at the coordinator, each resource vote, each participant's decision, each outcome
 * oracle.decided(txn, node, true, now).ifPresent(b -> fail(b.toString()));
 * long longest = oracle.blocked(now).stream().mapToLong(b -> b.duration(now)).max().orElse(0);
 *
 * CommitScenario s = CommitScenario.builder("coordinator crash after the decision").nodes(4)
 *     .transaction(1, 1, 1, 2, 3, 4)
 *     .fault(ScriptedFault.crashOnSend(1, "Decision", 1, 0, ScriptedFault.FOREVER)).build();
 * CommitRun run = CommitSimulation.run(protocol, s, seed, false);
 * System.out.println(run.stuckAtHorizon().size() + " participants blocked");
 * }</pre>
 */
package io.synod.testkit.commit;
