package io.synod.paxos.basic;

import io.synod.api.Message;
import io.synod.protocol.Ballot;

import java.util.Arrays;

/**
 * The messages of Basic Paxos run as a log of independent single-decree instances. Every
 * message about a decree names its slot: each slot is its own Synod protocol, and a ballot in
 * one slot says nothing about another.
 *
 * <p>Phase 1 is {@link Prepare} / {@link Promise} (or {@link Nack}), phase 2 is {@link Accept} /
 * {@link Accepted} (or {@link Nack}); acceptors send {@code Accepted} to every learner and to the
 * ballot's proposer, so learners count phase-2 quorums themselves. {@link Chosen} and
 * {@link CatchUp} carry decisions that are already known to a learner to one that lacks them;
 * decisions folded into a snapshot travel as the snapshot, which the runtime streams.
 */
public sealed interface BasicPaxosMessage extends Message {

    /** Phase 1a: "promise me not to accept ballots below {@code ballot} in {@code slot}". */
    record Prepare(long slot, Ballot ballot) implements BasicPaxosMessage {
        public Prepare {
            requireSlot(slot);
            requireProposal(ballot);
        }
    }

    /**
     * Phase 1b: the acceptor promised {@code ballot} in {@code slot} and reports the
     * highest-ballot value it had accepted there, if any.
     *
     * @param acceptedBallot {@link Ballot#ZERO} when nothing was accepted
     * @param acceptedValue  {@code null} exactly when {@code acceptedBallot} is ZERO
     */
    record Promise(long slot, Ballot ballot, Ballot acceptedBallot, byte[] acceptedValue) implements BasicPaxosMessage {
        public Promise {
            requireSlot(slot);
            requireProposal(ballot);
            requireBallot(acceptedBallot, "acceptedBallot");
            if (acceptedBallot.equals(Ballot.ZERO) != (acceptedValue == null)) {
                throw new IllegalArgumentException("a promise carries a value exactly when it reports an accepted ballot: "
                    + acceptedBallot + (acceptedValue == null ? " without a value" : " with a value"));
            }
        }

        /** True when the acceptor had accepted a value in this slot. */
        public boolean hasAccepted() {
            return acceptedValue != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Promise p && p.slot == slot && p.ballot.equals(ballot)
                && p.acceptedBallot.equals(acceptedBallot) && Arrays.equals(p.acceptedValue, acceptedValue);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Long.hashCode(slot) + ballot.hashCode()) + Arrays.hashCode(acceptedValue);
        }

        @Override
        public String toString() {
            return "Promise[slot=" + slot + ", ballot=" + ballot + ", accepted=" + acceptedBallot
                + (acceptedValue == null ? "" : " (" + acceptedValue.length + " bytes)") + "]";
        }
    }

    /**
     * A refusal of a prepare or accept for {@code ballot}: the acceptor has promised the higher
     * ballot {@code promised}, which the proposer must outbid.
     */
    record Nack(long slot, Ballot ballot, Ballot promised) implements BasicPaxosMessage {
        public Nack {
            requireSlot(slot);
            requireProposal(ballot);
            requireBallot(promised, "promised");
        }
    }

    /** Phase 2a: "accept {@code value} in {@code slot} under {@code ballot}". */
    record Accept(long slot, Ballot ballot, byte[] value) implements BasicPaxosMessage {
        public Accept {
            requireSlot(slot);
            requireProposal(ballot);
            requireValue(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Accept a && a.slot == slot && a.ballot.equals(ballot) && Arrays.equals(a.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Long.hashCode(slot) + ballot.hashCode()) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Accept[slot=" + slot + ", ballot=" + ballot + ", " + value.length + " bytes]";
        }
    }

    /**
     * Phase 2b: the acceptor accepted {@code value} in {@code slot} under {@code ballot}. It
     * carries the value so that a learner that missed the {@code Accept} can still learn.
     */
    record Accepted(long slot, Ballot ballot, byte[] value) implements BasicPaxosMessage {
        public Accepted {
            requireSlot(slot);
            requireProposal(ballot);
            requireValue(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Accepted a && a.slot == slot && a.ballot.equals(ballot) && Arrays.equals(a.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Long.hashCode(slot) + ballot.hashCode()) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Accepted[slot=" + slot + ", ballot=" + ballot + ", " + value.length + " bytes]";
        }
    }

    /**
     * A decision the sender's learner already knows: {@code value} was chosen in {@code slot}
     * (under {@code ballot}). Sent in answer to {@link CatchUp}, and by an acceptor asked to vote
     * in a slot its node knows to be decided.
     */
    record Chosen(long slot, Ballot ballot, byte[] value) implements BasicPaxosMessage {
        public Chosen {
            requireSlot(slot);
            requireProposal(ballot);
            requireValue(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chosen c && c.slot == slot && c.ballot.equals(ballot) && Arrays.equals(c.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Long.hashCode(slot) + ballot.hashCode()) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Chosen[slot=" + slot + ", ballot=" + ballot + ", " + value.length + " bytes]";
        }
    }

    /** A learner lacking decisions asks a peer for those from {@code fromSlot} on. */
    record CatchUp(long fromSlot) implements BasicPaxosMessage {
        public CatchUp {
            requireSlot(fromSlot);
        }
    }

    private static void requireSlot(long slot) {
        if (slot < 1) {
            throw new IllegalArgumentException("slot must be >= 1, was " + slot);
        }
    }

    private static void requireBallot(Ballot ballot, String what) {
        if (ballot == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }

    private static void requireProposal(Ballot ballot) {
        requireBallot(ballot, "ballot");
        if (ballot.equals(Ballot.ZERO)) {
            // ZERO means "nothing promised or accepted"; a proposal under it would be indistinguishable.
            throw new IllegalArgumentException("a proposal's ballot must be above " + Ballot.ZERO);
        }
    }

    private static void requireValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
    }
}
