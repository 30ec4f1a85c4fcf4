package io.synod.protocol;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A packed ballot is the ballot, and orders as the ballot does (a log entry's term relies on both). */
class BallotProperties {

    private static final long MAX_ROUND = (1L << 47) - 1;

    @Property
    void packingLosesNothing(@ForAll @LongRange(min = 0, max = MAX_ROUND) long round, @ForAll @IntRange(min = 0, max = 0xFFFF) int node) {
        Ballot b = new Ballot(round, node);
        assertEquals(b, Ballot.unpack(b.pack()));
    }

    @Property
    void packedBallotsOrderAsBallots(@ForAll @LongRange(min = 0, max = MAX_ROUND) long r1, @ForAll @IntRange(min = 0, max = 0xFFFF) int n1,
                                     @ForAll @LongRange(min = 0, max = MAX_ROUND) long r2, @ForAll @IntRange(min = 0, max = 0xFFFF) int n2) {
        Ballot a = new Ballot(r1, n1);
        Ballot b = new Ballot(r2, n2);
        assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Long.compare(a.pack(), b.pack())));
    }

    @Test
    void nextOutbidsAndNamesTheNewProposer() {
        Ballot b = new Ballot(7, 3);
        Ballot next = b.next(2);
        assertTrue(next.isAbove(b));
        assertEquals(new Ballot(8, 2), next);
        assertTrue(Ballot.ZERO.compareTo(new Ballot(0, 1)) < 0);
    }

    @Test
    void outOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Ballot(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Ballot(MAX_ROUND + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Ballot(1, 0x10000));
    }
}
