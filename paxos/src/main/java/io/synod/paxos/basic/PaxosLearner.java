package io.synod.paxos.basic;

import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.api.role.Learner;
import io.synod.protocol.Ballot;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.CatchUp;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.quorum.QuorumSystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The Basic Paxos learner: learns a slot's value when a phase-2 quorum of acceptors reports
 * accepting it under one ballot, or when a peer that knows the decision tells it; and hands the
 * chosen log out in slot order through {@code Effects.commit}, appending each decision to the
 * node's log first (so a restarted node re-commits it, and its acceptor may forget that slot's
 * votes).
 *
 * <p><b>Catching up.</b> A learner that has seen activity beyond what it knows to be chosen, and
 * made no progress for {@code catchUpTicks}, asks a random peer learner for the decisions from
 * its first gap on ({@link CatchUp}); the peer answers with {@link Chosen} messages, and asks its
 * driver to stream it its snapshot when the gap lies below its compaction point (the decisions
 * above the snapshot wait among the early ones until it is installed). A learner with nothing to catch up
 * still asks now and then, so that a node cut off from all traffic finds out about decisions it
 * never heard of. If two rounds of asking fail, nobody knows the decision: the learner reports
 * the gap to the node's proposer, which runs both phases for that slot (adopting any accepted
 * value, else a no-op).
 */
final class PaxosLearner implements Learner {

    /** How many catch-up rounds without progress before the gap is reported to the proposer. */
    private static final int FRUITLESS_ROUNDS_BEFORE_GAP = 2;
    /** A learner that seems up to date asks a peer this many times less often than a lagging one. */
    private static final int IDLE_SYNC_FACTOR = 4;

    private final QuorumSystem quorum;
    private final int[] peers;
    private final RandomGenerator random;
    private final int catchUpTicks;
    private final int catchUpBatch;
    private DecisionListener listener = NO_LISTENER;

    private SnapshotMeta snapshot;
    private long snapshotIndex;
    /** Decisions after the snapshot, contiguous: entry i holds slot snapshotIndex + 1 + i. */
    private final ArrayList<LogEntry> chosen = new ArrayList<>();
    private long chosenIndex;
    /** Decisions learned out of order, waiting for the gap below them to close. */
    private final TreeMap<Long, LogEntry> early = new TreeMap<>();
    private final TreeMap<Long, SlotTally> tallies = new TreeMap<>();
    private long highestSeen;
    private int quietTicks;
    private int fruitlessRounds;

    /**
     * Rebuilds the learner from what the node recovered and re-commits every recovered decision
     * (the state machine holds only the snapshot's state after a restart).
     *
     * @param peers the other learners, asked during catch-up
     */
    PaxosLearner(QuorumSystem quorum, int[] peers, RandomGenerator random, int catchUpTicks, int catchUpBatch,
                 SnapshotMeta recoveredSnapshot, List<LogEntry> recoveredLog, Effects effects) {
        this.quorum = quorum;
        this.peers = peers.clone();
        this.random = random;
        this.catchUpTicks = catchUpTicks;
        this.catchUpBatch = catchUpBatch;
        if (recoveredSnapshot != null) {
            snapshot = recoveredSnapshot;
            snapshotIndex = recoveredSnapshot.index();
            chosenIndex = snapshotIndex;
        }
        for (LogEntry entry : recoveredLog) {
            if (entry.index() <= chosenIndex) {
                continue;
            }
            if (entry.index() != chosenIndex + 1) {
                throw new IllegalStateException("recovered log jumps from slot " + chosenIndex + " to " + entry.index());
            }
            chosen.add(entry);
            chosenIndex++;
            effects.commit(entry);
        }
        highestSeen = chosenIndex;
    }

    /** Routes every decision this learner finds out about to {@code listener} as well. */
    void listener(DecisionListener listener) {
        this.listener = listener;
    }

    @Override
    public long chosenIndex() {
        return chosenIndex;
    }

    /** The highest slot this learner has heard of. */
    long highestSeen() {
        return highestSeen;
    }

    @Override
    public boolean onMessage(Envelope envelope, Effects effects) {
        if (envelope.message() instanceof Accepted a) {
            onAccepted(envelope.from(), a, effects);
        } else if (envelope.message() instanceof Chosen c) {
            seen(c.slot());
            learn(c.slot(), c.ballot(), c.value(), effects);
        } else if (envelope.message() instanceof CatchUp c) {
            tellDecided(envelope.from(), c.fromSlot(), effects);
        } else {
            return false;
        }
        return true;
    }

    private void onAccepted(int from, Accepted accepted, Effects effects) {
        seen(accepted.slot());
        if (accepted.slot() <= chosenIndex || early.containsKey(accepted.slot())) {
            return;
        }
        SlotTally tally = tallies.computeIfAbsent(accepted.slot(), s -> new SlotTally(quorum));
        if (tally.record(from, accepted.ballot(), accepted.value())) {
            learn(accepted.slot(), accepted.ballot(), accepted.value(), effects);
        }
    }

    private void seen(long slot) {
        highestSeen = Math.max(highestSeen, slot);
    }

    /** Slot {@code slot} is known to be decided somewhere: catch up to it. */
    void heardOf(long slot) {
        seen(slot);
    }

    private void learn(long slot, Ballot ballot, byte[] value, Effects effects) {
        if (slot <= chosenIndex || early.containsKey(slot)) {
            return;
        }
        tallies.remove(slot);
        early.put(slot, new LogEntry(slot, ballot.pack(), value));
        listener.onDecided(slot, value, effects);
        advance(effects);
    }

    /** Hands out decisions while the chosen prefix grows. */
    private void advance(Effects effects) {
        LogEntry next;
        while ((next = early.remove(chosenIndex + 1)) != null) {
            effects.append(next);
            effects.commit(next);
            chosen.add(next);
            chosenIndex++;
            quietTicks = 0;
            fruitlessRounds = 0;
        }
    }

    /**
     * The driver installed a snapshot a peer streamed here: every slot up to it is decided and
     * applied, and the durable log now starts after it.
     */
    void installed(SnapshotMeta offered, Effects effects) {
        seen(offered.index());
        if (offered.index() <= chosenIndex) {
            return;
        }
        snapshot = offered;
        snapshotIndex = offered.index();
        chosen.clear();
        chosenIndex = snapshotIndex;
        early.headMap(snapshotIndex, true).clear();
        tallies.headMap(snapshotIndex, true).clear();
        quietTicks = 0;
        fruitlessRounds = 0;
        listener.onDecidedThrough(snapshotIndex, effects);
        advance(effects);
    }

    /**
     * Sends {@code to} the decisions this learner knows from {@code fromSlot} on (at most one
     * batch), and asks the driver to stream it the snapshot if {@code fromSlot} was compacted away.
     *
     * @return true if anything was sent
     */
    boolean tellDecided(int to, long fromSlot, Effects effects) {
        if (fromSlot > chosenIndex) {
            return false;
        }
        long from = fromSlot;
        if (from <= snapshotIndex) {
            if (snapshot == null) {
                return false;
            }
            effects.sendSnapshot(to);
            from = snapshotIndex + 1;
        }
        long until = Math.min(chosenIndex, from + catchUpBatch - 1);
        for (long slot = from; slot <= until; slot++) {
            LogEntry entry = chosen.get((int) (slot - snapshotIndex - 1));
            effects.send(to, new Chosen(slot, Ballot.unpack(entry.term()), entry.data()));
        }
        return true;
    }

    @Override
    public void onTick(Effects effects) {
        boolean behind = highestSeen > chosenIndex;
        int patience = behind ? catchUpTicks : catchUpTicks * IDLE_SYNC_FACTOR;
        if (++quietTicks < patience) {
            return;
        }
        quietTicks = 0;
        if (peers.length > 0) {
            effects.send(peers[random.nextInt(peers.length)], new CatchUp(chosenIndex + 1));
        }
        if (behind && ++fruitlessRounds >= FRUITLESS_ROUNDS_BEFORE_GAP) {
            fruitlessRounds = 0;
            listener.onGap(chosenIndex + 1, effects);
        }
    }

    /** The driver folded the decisions up to {@code compacted.index()} into a snapshot. */
    void compacted(SnapshotMeta compacted) {
        if (compacted.index() <= snapshotIndex) {
            return;
        }
        if (compacted.index() > chosenIndex) {
            throw new IllegalArgumentException("snapshot at " + compacted.index() + " lies beyond the chosen index "
                + chosenIndex);
        }
        chosen.subList(0, (int) (compacted.index() - snapshotIndex)).clear();
        snapshot = compacted;
        snapshotIndex = compacted.index();
    }

    /** Decisions known beyond the chosen prefix, for status and tests. */
    Map<Long, LogEntry> early() {
        return early;
    }

    private static final DecisionListener NO_LISTENER = new DecisionListener() {
        @Override
        public void onDecided(long slot, byte[] value, Effects effects) {
        }

        @Override
        public void onDecidedThrough(long slot, Effects effects) {
        }
    };
}
