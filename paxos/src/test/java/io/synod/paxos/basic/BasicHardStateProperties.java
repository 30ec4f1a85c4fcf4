package io.synod.paxos.basic;

import io.synod.protocol.Ballot;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hard state restores exactly what was stored, and refuses what was not. */
class BasicHardStateProperties {

    /** One acceptor vote as generated: slot, promised round, accepted round (0 = none), value. */
    record Vote(long slot, long promisedRound, long acceptedRound, byte[] value) {
    }

    @Property
    void encodeDecodeRestoresEveryVoteAndTheRound(@ForAll("votes") List<Vote> votes, @ForAll @IntRange(max = 1000) int round) {
        BasicHardState state = stateOf(votes, round);
        byte[] bytes = state.encode();
        BasicHardState back = BasicHardState.decode(bytes);
        assertEquals(round, back.proposerRound());
        assertEquals(state.slots().keySet(), back.slots().keySet());
        for (long slot : state.slots().keySet()) {
            AcceptorSlot a = state.slots().get(slot);
            AcceptorSlot b = back.slots().get(slot);
            assertEquals(a.promised(), b.promised());
            assertEquals(a.acceptedBallot(), b.acceptedBallot());
            assertArrayEquals(a.acceptedValue(), b.acceptedValue());
        }
        assertArrayEquals(bytes, back.encode());
    }

    @Property
    void truncatedStateIsRefused(@ForAll("votes") List<Vote> votes) {
        byte[] bytes = stateOf(votes, 3).encode();
        for (int length = 1; length < bytes.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, length);
            assertThrows(IllegalStateException.class, () -> BasicHardState.decode(cut), "cut to " + length);
        }
    }

    @Property
    void corruptedStateIsRefusedOrFullyRead(@ForAll("votes") List<Vote> votes, @ForAll @IntRange(max = 10_000) int at,
                                            @ForAll byte xor) {
        byte[] bytes = stateOf(votes, 3).encode();
        bytes[at % bytes.length] ^= xor;
        BasicHardState decoded;
        try {
            decoded = BasicHardState.decode(bytes);
        } catch (IllegalStateException refused) {
            return;
        }
        assertArrayEquals(bytes, decoded.encode());
    }

    @Property
    void garbageIsRefusedWithoutOtherExceptions(@ForAll @Size(min = 1, max = 64) byte[] garbage) {
        try {
            BasicHardState.decode(garbage);
        } catch (IllegalStateException expected) {
            // the only acceptable failure
        }
    }

    @Example
    void anEmptyArrayIsAFreshNode() {
        BasicHardState fresh = BasicHardState.decode(new byte[0]);
        assertEquals(0, fresh.proposerRound());
        assertEquals(0, fresh.slots().size());
        assertFalse(fresh.isDirty());
    }

    private static BasicHardState stateOf(List<Vote> votes, int round) {
        BasicHardState state = new BasicHardState();
        state.useRound(round);
        for (Vote v : votes) {
            AcceptorSlot slot = state.slot(v.slot());
            slot.promise(new Ballot(v.promisedRound(), 1));
            if (v.acceptedRound() > 0) {
                slot.accept(new Ballot(v.acceptedRound(), 2), v.value());
            }
        }
        return state;
    }

    @Provide
    Arbitrary<List<Vote>> votes() {
        Arbitrary<Vote> vote = Combinators.combine(
            Arbitraries.longs().between(1, 1_000_000),
            Arbitraries.longs().between(1, 1000),
            Arbitraries.longs().between(0, 1000),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(24)).as(Vote::new);
        return vote.list().ofMaxSize(8);
    }
}
