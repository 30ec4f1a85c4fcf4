package io.synod.paxos.basic;

import io.synod.api.Envelope;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.protocol.Ballot;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;
import io.synod.quorum.QuorumSystem;
import io.synod.spi.MessageCodec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Basic Paxos with one deliberate flaw, for calibrating the simulator: if the simulator finds
 * nothing wrong with these, "zero violations" for the real protocol would mean nothing. Each
 * flaw is switched in through the SPI alone — a {@link CoreDecorator} around the real core that
 * falsifies an input, an output or the recovered state — so the protocol code stays as shipped.
 */
final class BrokenBasicPaxos implements Protocol {

    /** What is broken. */
    enum Flaw {
        /**
         * An acceptor's {@code Promise} leaves in a Ready before the one that stores it, so a crash
         * between the two forgets a promise a proposer has already counted.
         */
        PROMISE_BEFORE_PERSIST,
        /** An acceptor's {@code Accepted} leaves in a Ready before the one that stores the acceptance. */
        ACCEPTED_BEFORE_PERSIST,
        /** An acceptor accepts a ballot below the one it promised: phase 2 checks no promise. */
        ACCEPT_BELOW_PROMISE,
        /** A learner takes a single acceptor's {@code Accepted} for a decision: it learns from a non-quorum. */
        LEARN_FROM_ONE_ACCEPTOR,
        /** A proposer ignores the accepted values that promises report and proposes its own value. */
        IGNORE_PROMISED_VALUES,
        /** A proposer adopts the value of the lowest-ballot acceptance its promises report, not the highest. */
        ADOPT_LOWEST_BALLOT,
        /**
         * A learner adds up acceptances of one value under different ballots: a quorum of acceptors
         * that each accepted the value at some point counts as a decision.
         */
        COUNT_VOTES_ACROSS_BALLOTS,
        /**
         * A node restarted from a damaged log forgets which slots' votes it had dropped: it votes
         * again in slots whose decision it lost, where it may have helped choose a value.
         */
        IGNORE_LOST_DECISIONS
    }

    private final BasicPaxos real;
    private final Flaw flaw;

    BrokenBasicPaxos(BasicPaxos real, Flaw flaw) {
        this.real = real;
        this.flaw = flaw;
    }

    @Override
    public String name() {
        return BasicPaxos.NAME + "(broken: " + flaw.name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public MessageCodec codec() {
        return real.codec();
    }

    @Override
    public ProtocolCore create(ProtocolContext context) {
        if (flaw == Flaw.IGNORE_LOST_DECISIONS) {
            context = withoutDroppedVotesMark(context);
        }
        BasicPaxosCore core = (BasicPaxosCore) real.create(context);
        return switch (flaw) {
            case PROMISE_BEFORE_PERSIST -> new SendsBeforePersisting(core, m -> m instanceof Promise);
            case ACCEPTED_BEFORE_PERSIST -> new SendsBeforePersisting(core, m -> m instanceof Accepted);
            case ACCEPT_BELOW_PROMISE -> new AcceptsBelowPromise(core);
            case LEARN_FROM_ONE_ACCEPTOR -> new LearnsFromOne(core);
            case IGNORE_PROMISED_VALUES -> new IgnoresPromisedValues(core);
            case ADOPT_LOWEST_BALLOT -> new AdoptsLowestBallot(core);
            case COUNT_VOTES_ACROSS_BALLOTS -> new CountsAcrossBallots(core, real.quorumFor(context));
            case IGNORE_LOST_DECISIONS -> new CoreDecorator(core) { };
        };
    }

    /**
     * The recovered hard state with "votes dropped through" set to 0, as if the node had never
     * dropped any: layout magic (4 bytes), version (1), proposer round (8), forgotten-through (8).
     */
    private static ProtocolContext withoutDroppedVotesMark(ProtocolContext context) {
        byte[] hard = context.recovered().hardState().clone();
        if (hard.length > 0) {
            ByteBuffer.wrap(hard).putLong(Integer.BYTES + 1 + Long.BYTES, 0);
        }
        return context.withRecovered(
            new Recovered(hard, context.recovered().snapshot(), context.recovered().log(), context.recovered().suspectFrom()));
    }

    /** Hands out the chosen messages in a Ready of their own, before the Ready that persists what they report. */
    private static final class SendsBeforePersisting extends CoreDecorator {
        private final Predicate<Object> early;
        private Ready held;

        SendsBeforePersisting(BasicPaxosCore core, Predicate<Object> early) {
            super(core);
            this.early = early;
        }

        @Override
        public boolean hasReady() {
            return held != null || core.hasReady();
        }

        @Override
        public Ready ready() {
            if (held != null) {
                Ready rest = held;
                held = null;
                return rest;
            }
            Ready r = core.ready();
            List<Envelope> first = new ArrayList<>();
            List<Envelope> later = new ArrayList<>();
            for (Envelope e : r.messages()) {
                (early.test(e.message()) ? first : later).add(e);
            }
            if (first.isEmpty() || !r.mustPersist()) {
                return r;
            }
            held = new Ready(r.hardState(), r.hardStateAfterLog(), r.truncateFrom(), r.entries(), r.earlyMessages(), later,
                r.snapshotRecipients(), r.committed(), r.replies());
            return new Ready(null, false, 0, List.of(), List.of(), first, List.of(), List.of(), List.of());
        }
    }

    /** Lets the acceptor take an {@code Accept} below its promise, then puts the promise back. */
    private static final class AcceptsBelowPromise extends CoreDecorator {
        AcceptsBelowPromise(BasicPaxosCore core) {
            super(core);
        }

        @Override
        public void step(Envelope envelope) {
            if (envelope.message() instanceof Accept a) {
                BasicHardState state = core.hardState();
                AcceptorSlot slot = state.slots().get(a.slot());
                boolean decided = core.learner() != null && a.slot() <= core.learner().chosenIndex();
                if (!decided && slot != null && slot.promised().isAbove(a.ballot())) {
                    Ballot promised = slot.promised();
                    state.slots().put(a.slot(), new AcceptorSlot(a.ballot(), Ballot.ZERO, null));
                    core.step(envelope);
                    AcceptorSlot took = state.slots().get(a.slot());
                    state.slots().put(a.slot(), new AcceptorSlot(promised, took.acceptedBallot(), took.acceptedValue()));
                    state.markDirty();
                    return;
                }
            }
            core.step(envelope);
        }
    }

    /** Turns every {@code Accepted} the node receives into a decision for its learner. */
    private static final class LearnsFromOne extends CoreDecorator {
        LearnsFromOne(BasicPaxosCore core) {
            super(core);
        }

        @Override
        public void step(Envelope envelope) {
            core.step(envelope);
            if (envelope.message() instanceof Accepted a) {
                core.step(new Envelope(envelope.from(), envelope.to(), new Chosen(a.slot(), a.ballot(), a.value())));
            }
        }
    }

    /** Strips the accepted value from every promise before the proposer sees it. */
    private static final class IgnoresPromisedValues extends CoreDecorator {
        IgnoresPromisedValues(BasicPaxosCore core) {
            super(core);
        }

        @Override
        public void step(Envelope envelope) {
            if (envelope.message() instanceof Promise p && p.hasAccepted()) {
                core.step(new Envelope(envelope.from(), envelope.to(), new Promise(p.slot(), p.ballot(), Ballot.ZERO, null)));
                return;
            }
            core.step(envelope);
        }
    }

    /**
     * Mirrors the ballot of every acceptance a promise reports, so that the proposer's "highest"
     * is the lowest.
     */
    private static final class AdoptsLowestBallot extends CoreDecorator {
        private static final long MIRROR = 1L << 40;

        AdoptsLowestBallot(BasicPaxosCore core) {
            super(core);
        }

        @Override
        public void step(Envelope envelope) {
            if (envelope.message() instanceof Promise p && p.hasAccepted()) {
                Ballot mirrored = new Ballot(MIRROR - p.acceptedBallot().round(), 0xFFFF - p.acceptedBallot().node());
                core.step(new Envelope(envelope.from(), envelope.to(), new Promise(p.slot(), p.ballot(), mirrored, p.acceptedValue())));
                return;
            }
            core.step(envelope);
        }
    }

    /** Tells the learner a value is chosen once a quorum accepted it under any ballots at all. */
    private static final class CountsAcrossBallots extends CoreDecorator {
        private final QuorumSystem quorum;
        private final Map<Long, Map<ByteBuffer, Set<Integer>>> votes = new HashMap<>();

        CountsAcrossBallots(BasicPaxosCore core, QuorumSystem quorum) {
            super(core);
            this.quorum = quorum;
        }

        @Override
        public void step(Envelope envelope) {
            core.step(envelope);
            if (envelope.message() instanceof Accepted a && core.learner() != null && a.slot() > core.learner().chosenIndex()) {
                Set<Integer> who = votes.computeIfAbsent(a.slot(), s -> new HashMap<>())
                    .computeIfAbsent(ByteBuffer.wrap(a.value()), v -> new TreeSet<>());
                who.add(envelope.from());
                if (quorum.isPhase2Quorum(who.stream().mapToInt(Integer::intValue).toArray())) {
                    core.step(new Envelope(envelope.from(), envelope.to(), new Chosen(a.slot(), a.ballot(), a.value())));
                }
            }
        }
    }
}
