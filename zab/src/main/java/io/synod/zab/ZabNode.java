package io.synod.zab;

import io.synod.api.ClientReply;
import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.InvalidMessageException;
import io.synod.api.Message;
import io.synod.api.WallClock;
import io.synod.quorum.QuorumSystem;
import io.synod.zab.message.PeerState;
import io.synod.zab.message.ZabMessage;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * What the parts of one ZAB peer share: who it is, its durable epochs and log, its state and
 * leader, what it knows to be committed, and the one batch of effects they all write into.
 */
final class ZabNode {

    final int self;
    final int[] voters;
    final int[] observers;
    final QuorumSystem quorum;
    final Zab config;
    final Flaw flaw;
    final Effects effects;
    final ZabLog log;
    final RandomGenerator random;
    /** Read only to stamp the batches a leader cuts (the leader time of {@code CommandBatch}). */
    final WallClock wallClock;
    private final ArrayDeque<Runnable> afterDurable = new ArrayDeque<>();

    private ZabHardState hard;
    private boolean hardDirty;
    PeerState state = PeerState.LOOKING;
    int leader = CoreStatus.NO_LEADER;
    long commitIndex;

    ZabNode(int self, int[] voters, int[] observers, QuorumSystem quorum, Zab config, Effects effects, ZabLog log,
            ZabHardState hard, boolean hardDirty, RandomGenerator random, WallClock wallClock) {
        this.self = self;
        this.voters = voters;
        this.observers = observers;
        this.quorum = quorum;
        this.config = config;
        this.flaw = config.flaw();
        this.effects = effects;
        this.log = log;
        this.hard = hard;
        this.hardDirty = hardDirty;
        this.random = random;
        this.wallClock = wallClock;
        this.commitIndex = log.baseIndex();
    }

    /** True when this peer is configured as a voter (it may still be rejoining, see {@link #votes()}). */
    boolean isVoter() {
        return quorum.isMember(self);
    }

    /** True when this peer votes now: a voter whose log is not being re-learned. */
    boolean votes() {
        return isVoter() && !hard.rejoining();
    }

    boolean isKnown(int node) {
        return quorum.isMember(node) || Arrays.stream(observers).anyMatch(o -> o == node);
    }

    long acceptedEpoch() {
        return hard.acceptedEpoch();
    }

    long currentEpoch() {
        return hard.currentEpoch();
    }

    long rejoinEpoch() {
        return hard.rejoinEpoch();
    }

    /** The peer's own vote: itself, with its history. */
    Vote ownVote() {
        return new Vote(self, log.lastZxid(), hard.currentEpoch());
    }

    /** Stores {@code epoch} as accepted; only an observer goes back (its current epoch with it). */
    void acceptEpoch(long epoch) {
        if (epoch < hard.acceptedEpoch() && isVoter()) {
            throw new IllegalStateException("voter " + self + " would go back from accepted epoch " + hard.acceptedEpoch()
                + " to " + epoch);
        }
        if (epoch != hard.acceptedEpoch()) {
            hard = new ZabHardState(epoch, Math.min(hard.currentEpoch(), epoch), hard.rejoinEpoch());
            hardDirty = true;
        }
    }

    /**
     * Takes {@code epoch} as current. The history it vouches for must already be durable: callers
     * do this from {@link #afterDurable}, one batch after the history (ZOOKEEPER-4643).
     */
    void setCurrentEpoch(long epoch) {
        if (epoch != hard.currentEpoch()) {
            hard = new ZabHardState(Math.max(epoch, hard.acceptedEpoch()), epoch, hard.rejoinEpoch());
            hardDirty = true;
        }
    }

    void startRejoin() {
        hard = new ZabHardState(hard.acceptedEpoch(), hard.currentEpoch(), hard.acceptedEpoch());
        hardDirty = true;
    }

    void endRejoin() {
        if (hard.rejoining()) {
            hard = new ZabHardState(hard.acceptedEpoch(), hard.currentEpoch(), ZabHardState.VOTING);
            hardDirty = true;
        }
    }

    /** The hard state to store with the next batch, once, or null. */
    byte[] takeHardState() {
        if (!hardDirty) {
            return null;
        }
        hardDirty = false;
        return hard.encode();
    }

    boolean hardStateDirty() {
        return hardDirty;
    }

    /** Runs {@code action} once the batch being gathered is durable; its effects go into the next batch. */
    void afterDurable(Runnable action) {
        afterDurable.addLast(action);
    }

    boolean hasAfterDurable() {
        return !afterDurable.isEmpty();
    }

    void runAfterDurable() {
        int n = afterDurable.size();
        for (int i = 0; i < n; i++) {
            afterDurable.pollFirst().run();
        }
    }

    /** Hands every entry through {@code index} (and held here) to the state machine, in order. */
    void commitTo(long index) {
        long to = Math.min(index, log.lastIndex());
        if (commitIndex < log.baseIndex()) {
            commitIndex = log.baseIndex();
        }
        for (long i = commitIndex + 1; i <= to; i++) {
            effects.commit(log.entry(i));
        }
        commitIndex = Math.max(commitIndex, to);
    }

    void send(int to, ZabMessage message) {
        effects.send(to, message);
    }

    void reject(io.synod.api.Command c) {
        effects.reply(new ClientReply.Rejected(c.clientId(), c.sequence(), ClientReply.Reason.NOT_LEADER, leader));
    }

    static InvalidMessageException invalid(int self, int from, Message m, String why) {
        return new InvalidMessageException("node " + self + " refused " + m.getClass().getSimpleName() + " from " + from + ": " + why);
    }
}
