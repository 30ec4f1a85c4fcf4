package io.synod.testkit.commit;

import io.synod.api.commit.Outcome;
import io.synod.api.commit.TransactionId;
import io.synod.testkit.Checks;
import io.synod.testkit.commit.AtomicityOracle.Blocked;
import io.synod.testkit.commit.AtomicityOracle.Breach;
import io.synod.testkit.trace.Trace;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one seed of one scenario did with one protocol.
 *
 * @param protocol       the protocol's name
 * @param scenario       the scenario's name
 * @param seed           the seed; the same seed replays the same run
 * @param breach         the first rule of atomic commit broken, if any (the run stopped there)
 * @param stuckAtHorizon participants still uncertain when the faulty part ended: blocked, waiting
 *                       for a coordinator or a partition to come back
 * @param uncertainty    every span a participant was uncertain, longest first
 * @param unresolved     transactions some participant voted yes on and not every participant had
 *                       decided at the very end, after the quiet part (a liveness failure)
 * @param outcomes       the outcomes callers received
 * @param transactions   how many transactions began
 * @param messages       messages sent between nodes (a node's messages to itself and the network's duplicates not counted)
 * @param writes         stable-storage writes: batches that persisted records or hard state
 * @param records        records appended
 * @param costs          per transaction: the message delays and write delays until its caller's
 *                       outcome and until its last participant decided (fault-free runs give the
 *                       protocol's latency in message delays)
 * @param endTick        the last tick run
 * @param trace          the run's events, if traced
 */
public record CommitRun(String protocol, String scenario, long seed, Optional<Breach> breach, List<Blocked> stuckAtHorizon,
                        List<Blocked> uncertainty, List<TransactionId> unresolved, Map<TransactionId, Outcome> outcomes,
                        int transactions, long messages, long writes, long records, Map<TransactionId, Cost> costs, long endTick,
                        Trace trace) {

    /** The causal length of a transaction, counted along the chain of messages and forced writes that led to an event. */
    public record Cost(int outcomeDelays, int outcomeWrites, int learnedDelays, int learnedWrites) {
    }

    /** True when atomicity and commit validity held. */
    public boolean atomic() {
        return breach.isEmpty();
    }

    /**
     * The name of the check that caught the run, or empty: a breach of atomic commit, else
     * {@value Checks#LIVENESS} when a transaction was still unresolved after the quiet part.
     */
    public String caughtBy() {
        return breach.map(Breach::check).orElse(unresolved.isEmpty() ? "" : Checks.LIVENESS);
    }

    /** True when atomicity held and every transaction was resolved once the faults stopped. */
    public boolean passed() {
        return caughtBy().isEmpty();
    }

    /** The longest any participant stayed uncertain (0 if none did). */
    public long longestUncertainty() {
        return uncertainty.stream().mapToLong(b -> b.duration(endTick)).max().orElse(0);
    }

    /** The longest a participant still uncertain at the horizon had waited by then. */
    public long longestBlockAtHorizon(long horizon) {
        return stuckAtHorizon.stream().mapToLong(b -> b.duration(horizon)).max().orElse(0);
    }

    @Override
    public String toString() {
        return protocol + " / " + scenario + " / seed " + seed + ": " + (breach.map(Breach::toString).orElse("atomic"))
            + ", " + stuckAtHorizon.size() + " blocked at the horizon, " + unresolved.size() + " unresolved at the end, "
            + messages + " messages, " + writes + " writes";
    }
}
