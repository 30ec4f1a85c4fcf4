package io.synod.paxos.basic;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.Effects;
import io.synod.api.WallClock;
import io.synod.api.Envelope;
import io.synod.api.role.Proposer;
import io.synod.protocol.Backoff;
import io.synod.protocol.Ballot;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.paxos.basic.BasicPaxosMessage.Nack;
import io.synod.paxos.basic.BasicPaxosMessage.Prepare;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;
import io.synod.quorum.QuorumSystem;
import io.synod.quorum.VoteTracker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * The Basic Paxos proposer, leaderless: with client commands queued it takes the lowest slot it
 * does not know to be decided and runs the Synod protocol for it ("Paxos Made Simple", §2.2):
 * <ol>
 *   <li>phase 1: {@code Prepare(n)} to the acceptors under a ballot {@code n} above every
 *       ballot it has used or seen; on a phase-1 quorum of promises,</li>
 *   <li>phase 2: {@code Accept(n, v)} where {@code v} is the value of the highest-ballot
 *       acceptance the promises report, or its own batch of commands if none does; a phase-2
 *       quorum of {@code Accepted(n)} means {@code v} is chosen.</li>
 * </ol>
 * If the slot is decided with another value, its commands go into the next slot. A {@code Nack}
 * (an acceptor promised a higher ballot) or a phase that times out sends it into a randomised
 * {@link Backoff} before it tries again with a higher ballot, so duelling proposers do not
 * preempt each other forever.
 *
 * <p><b>Ballots across restarts.</b> The round of every ballot goes into the node's
 * {@link BasicHardState} in the batch that sends the {@code Prepare}, so a restarted proposer
 * never reuses a ballot with a different value.
 *
 * <p><b>Reads.</b> A linearizable read rides on the next attempt that begins after it arrived:
 * once that attempt gets a value of its own chosen in slot {@code s} (its phase 1 found the slot
 * empty, so {@code s} was undecided when the read began, and every slot below a decided one is
 * decided), every write acknowledged before the read lies at or below {@code s}. Without
 * commands to carry, the attempt proposes a no-op.
 */
final class PaxosProposer implements Proposer, DecisionListener {

    /** Where the current attempt stands. */
    enum Phase { IDLE, PREPARING, ACCEPTING, BACKING_OFF }

    private final int self;
    private final int[] acceptors;
    private final BasicHardState state;
    private final RandomGenerator random;
    /** Read only to stamp a batch with the proposer's time; nothing is decided by it. */
    private final WallClock wallClock;
    private final Backoff backoff;
    private final int phaseTimeoutTicks;
    private final int maxBatch;
    private final VoteTracker promises;
    private final VoteTracker accepts;

    private long decidedPrefix;
    private final TreeSet<Long> decidedAbove = new TreeSet<>();
    private long fillThrough;

    private final ArrayDeque<Command> queue = new ArrayDeque<>();
    private final Set<CommandKey> pending = new HashSet<>();
    private List<Command> batch = List.of();
    private byte[] batchValue;
    private final List<Long> waitingReads = new ArrayList<>();
    private final List<Long> attachedReads = new ArrayList<>();

    private Phase phase = Phase.IDLE;
    private long slot;
    private Ballot ballot = Ballot.ZERO;
    private Ballot highestAccepted = Ballot.ZERO;
    private byte[] highestValue;
    private byte[] proposal;
    private long ownSlot;
    private byte[] ownValue;
    private List<Long> ownReads = List.of();
    private int phaseTicks;
    private int backoffTicks;
    private int failures;
    private long maxSeenRound;

    /**
     * @param decidedPrefix the slots known decided at start (the node's recovered chosen log)
     */
    PaxosProposer(int self, QuorumSystem quorum, BasicHardState state, RandomGenerator random, WallClock wallClock,
                  Backoff backoff, int phaseTimeoutTicks, int maxBatch, long decidedPrefix) {
        this.self = self;
        this.wallClock = wallClock;
        this.acceptors = quorum.members();
        this.state = state;
        this.random = random;
        this.backoff = backoff;
        this.phaseTimeoutTicks = phaseTimeoutTicks;
        this.maxBatch = maxBatch;
        this.promises = quorum.newTracker();
        this.accepts = quorum.newTracker();
        this.decidedPrefix = decidedPrefix;
    }

    @Override
    public void propose(Command command, Effects effects) {
        if (pending.add(new CommandKey(command.clientId(), command.sequence()))) {
            queue.add(command);
        }
        startIfIdle(effects);
    }

    /** Asks for a linearizable read; answered with {@code ReadReady} once a barrier slot is decided. */
    void read(long readId, Effects effects) {
        waitingReads.add(readId);
        startIfIdle(effects);
    }

    @Override
    public boolean onMessage(Envelope envelope, Effects effects) {
        var message = envelope.message();
        if (message instanceof Promise p) {
            onPromise(envelope.from(), p, effects);
        } else if (message instanceof Accepted a) {
            onAccepted(envelope.from(), a, effects);
        } else if (message instanceof Nack n) {
            onNack(n);
        } else if (message instanceof Chosen c) {
            onDecided(c.slot(), c.value(), effects);
        } else {
            return false;
        }
        return true;
    }

    @Override
    public void onTick(Effects effects) {
        switch (phase) {
            case PREPARING, ACCEPTING -> {
                if (++phaseTicks >= phaseTimeoutTicks) {
                    backOff();
                }
            }
            case BACKING_OFF -> {
                if (--backoffTicks <= 0) {
                    phase = Phase.IDLE;
                    startIfIdle(effects);
                }
            }
            case IDLE -> startIfIdle(effects);
        }
    }

    private boolean hasWork() {
        return !queue.isEmpty() || !batch.isEmpty() || !waitingReads.isEmpty() || !attachedReads.isEmpty()
            || fillThrough > decidedPrefix;
    }

    private void startIfIdle(Effects effects) {
        if (phase == Phase.IDLE && hasWork()) {
            prepare(effects);
        }
    }

    /** Phase 1a for the lowest slot not known decided, under a fresh ballot. */
    private void prepare(Effects effects) {
        slot = decidedPrefix + 1;
        long round = Math.max(state.proposerRound(), maxSeenRound) + 1;
        state.useRound(round);
        ballot = new Ballot(round, self);
        if (batch.isEmpty() && !queue.isEmpty()) {
            List<Command> next = new ArrayList<>(Math.min(maxBatch, queue.size()));
            while (next.size() < maxBatch && !queue.isEmpty()) {
                next.add(queue.poll());
            }
            batch = next;
            // Stamped once, by the attempt that cut it: later attempts re-propose the same value.
            batchValue = CommandBatch.encode(wallClock.currentTimeMillis(), ballot.pack(), batch);
        }
        // Reads attach only when an attempt begins, so every read an attempt covers began before its phase 1.
        attachedReads.addAll(waitingReads);
        waitingReads.clear();
        promises.reset();
        accepts.reset();
        highestAccepted = Ballot.ZERO;
        highestValue = null;
        proposal = null;
        phase = Phase.PREPARING;
        phaseTicks = 0;
        effects.send(acceptors, new Prepare(slot, ballot));
    }

    private boolean isCurrent(long messageSlot, Ballot messageBallot, Phase expected) {
        return phase == expected && messageSlot == slot && messageBallot.equals(ballot);
    }

    private void onPromise(int from, Promise promise, Effects effects) {
        if (!isCurrent(promise.slot(), promise.ballot(), Phase.PREPARING) || !promises.record(from)) {
            return;
        }
        if (promise.hasAccepted() && promise.acceptedBallot().isAbove(highestAccepted)) {
            highestAccepted = promise.acceptedBallot();
            highestValue = promise.acceptedValue();
        }
        if (promises.isPhase1Quorum()) {
            accept(effects);
        }
    }

    /** Phase 2a: the highest-ballot value the promises reported, else our own. */
    private void accept(Effects effects) {
        if (highestValue != null) {
            proposal = highestValue;
        } else {
            proposal = batchValue != null ? batchValue : CommandBatch.NOOP;
            ownSlot = slot;
            ownValue = proposal;
            ownReads = List.copyOf(attachedReads);
        }
        phase = Phase.ACCEPTING;
        phaseTicks = 0;
        effects.send(acceptors, new Accept(slot, ballot, proposal));
    }

    private void onAccepted(int from, Accepted accepted, Effects effects) {
        if (isCurrent(accepted.slot(), accepted.ballot(), Phase.ACCEPTING) && accepts.record(from)
            && accepts.isPhase2Quorum()) {
            onDecided(slot, proposal, effects);
        }
    }

    private void onNack(Nack nack) {
        maxSeenRound = Math.max(maxSeenRound, nack.promised().round());
        if (isCurrent(nack.slot(), nack.ballot(), Phase.PREPARING) || isCurrent(nack.slot(), nack.ballot(), Phase.ACCEPTING)) {
            backOff();
        }
    }

    private void backOff() {
        failures++;
        phase = Phase.BACKING_OFF;
        backoffTicks = backoff.delay(failures, random);
    }

    @Override
    public void onDecided(long decided, byte[] value, Effects effects) {
        if (decided <= decidedPrefix) {
            return;
        }
        decidedAbove.add(decided);
        absorbDecided();
        boolean won = false;
        if (batchValue != null && Arrays.equals(value, batchValue)) {
            for (Command c : batch) {
                pending.remove(new CommandKey(c.clientId(), c.sequence()));
            }
            batch = List.of();
            batchValue = null;
            won = true;
        }
        if (decided == ownSlot && ownValue != null) {
            if (Arrays.equals(value, ownValue)) {
                for (long readId : ownReads) {
                    effects.reply(new ClientReply.ReadReady(readId, decided));
                }
                attachedReads.removeAll(ownReads);
                won = true;
            }
            ownValue = null;
            ownReads = List.of();
        }
        if (won) {
            failures = 0;
        }
        if (decided == slot && (phase == Phase.PREPARING || phase == Phase.ACCEPTING || won)) {
            phase = Phase.IDLE;
            startIfIdle(effects);
        }
    }

    @Override
    public void onDecidedThrough(long through, Effects effects) {
        if (through <= decidedPrefix) {
            return;
        }
        decidedPrefix = through;
        decidedAbove.headSet(through, true).clear();
        absorbDecided();
        if (ownSlot <= through) {
            // The snapshot hides which value won; attached reads wait for a later attempt.
            ownValue = null;
            ownReads = List.of();
        }
        if (slot <= through && (phase == Phase.PREPARING || phase == Phase.ACCEPTING)) {
            phase = Phase.IDLE;
            startIfIdle(effects);
        }
    }

    @Override
    public void onGap(long gap, Effects effects) {
        fillThrough = Math.max(fillThrough, gap);
        startIfIdle(effects);
    }

    private void absorbDecided() {
        while (decidedAbove.remove(decidedPrefix + 1)) {
            decidedPrefix++;
        }
    }

    Phase phase() {
        return phase;
    }

    Ballot ballot() {
        return ballot;
    }

    /** The slot this proposer's current or last attempt is about. */
    long slot() {
        return slot;
    }

    /** The commands queued or in flight here. */
    int pendingCommands() {
        return pending.size();
    }

    private record CommandKey(long clientId, long sequence) {
    }
}
