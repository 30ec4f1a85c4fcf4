/**
 * Checks for atomic commit protocols ({@code io.synod.api.commit}), which decide per transaction
 * rather than extend a log: the {@link io.synod.testkit.commit.AtomicityOracle} stands where
 * per-index agreement stands for replication — all deciders of a transaction decide alike, a
 * commit only if all participants voted yes — and keeps how long participants stayed uncertain,
 * so that a run can report which protocol blocked, for how long.
 *
 * <pre>{@code
 * AtomicityOracle oracle = new AtomicityOracle();
 * // the driver reports: begun at the coordinator, each resource vote, each participant's decision, each outcome
 * oracle.decided(txn, node, true, now).ifPresent(b -> fail(b.toString()));
 * long longest = oracle.blocked(now).stream().mapToLong(b -> b.duration(now)).max().orElse(0);
 * }</pre>
 */
package io.synod.testkit.commit;
