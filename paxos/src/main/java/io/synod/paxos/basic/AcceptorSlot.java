package io.synod.paxos.basic;

import io.synod.protocol.Ballot;

import java.util.Arrays;

/**
 * What an acceptor remembers about one slot: the highest ballot it promised there and the
 * highest-ballot value it accepted there. Lamport's "Paxos Made Simple", §2.2, per instance.
 *
 * <p>Mutable, owned by {@link PaxosAcceptor}; part of the node's {@link BasicHardState}.
 */
final class AcceptorSlot {

    private Ballot promised;
    private Ballot acceptedBallot;
    private byte[] acceptedValue;

    AcceptorSlot() {
        this(Ballot.ZERO, Ballot.ZERO, null);
    }

    AcceptorSlot(Ballot promised, Ballot acceptedBallot, byte[] acceptedValue) {
        if (acceptedBallot.equals(Ballot.ZERO) != (acceptedValue == null)) {
            throw new IllegalArgumentException("an accepted ballot goes with a value: " + acceptedBallot);
        }
        if (acceptedBallot.isAbove(promised)) {
            throw new IllegalArgumentException("accepted " + acceptedBallot + " above promised " + promised);
        }
        this.promised = promised;
        this.acceptedBallot = acceptedBallot;
        this.acceptedValue = acceptedValue;
    }

    Ballot promised() {
        return promised;
    }

    Ballot acceptedBallot() {
        return acceptedBallot;
    }

    /** The accepted value, or {@code null} if none was accepted. */
    byte[] acceptedValue() {
        return acceptedValue;
    }

    /** Promises {@code ballot}; returns true if that changed what must be persisted. */
    boolean promise(Ballot ballot) {
        if (ballot.isAbove(promised)) {
            promised = ballot;
            return true;
        }
        return false;
    }

    /** Accepts {@code value} under {@code ballot}; returns true if that changed what must be persisted. */
    boolean accept(Ballot ballot, byte[] value) {
        boolean changed = promise(ballot);
        if (!ballot.equals(acceptedBallot) || !Arrays.equals(value, acceptedValue)) {
            acceptedBallot = ballot;
            acceptedValue = value;
            changed = true;
        }
        return changed;
    }
}
