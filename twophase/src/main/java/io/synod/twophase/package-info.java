/**
 * Two-phase commit, as a deterministic commit core (not yet written).
 *
 * <p>It will implement {@link io.synod.api.commit.CommitCore}, not a replication core: a
 * {@link io.synod.api.role.Coordinator} begins a {@link io.synod.api.commit.Transaction}, sends
 * each participant its part, records a commit decision before announcing it (presumed abort: an
 * abort is not recorded), and reports a typed {@link io.synod.api.commit.Outcome}. Each
 * {@link io.synod.api.role.Participant} has its {@link io.synod.api.commit.TransactionalResource}
 * vote, records a yes before sending it and the outcome before applying it, and — uncertain — asks
 * the coordinator or its peers (cooperative termination). Ballots, backoff and timers come from
 * {@code io.synod.protocol}; the testkit's {@code AtomicityOracle} checks it.
 */
package io.synod.twophase;
