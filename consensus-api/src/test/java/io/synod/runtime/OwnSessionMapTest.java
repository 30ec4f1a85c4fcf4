package io.synod.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handle's own session keeps its map of pending commands when a wave of commands is answered
 * in full (so the next wave does not rehash a new one up from a few slots), and gives it back
 * when the session ends.
 */
class OwnSessionMapTest extends PendingRequestsFixture {

    @Test
    void aWaveAnsweredInFullLeavesTheOwnSessionItsMap() {
        List<CompletableFuture<byte[]>> wave = submit(3);
        chooseProposed(); // the handle's session opens; the waiting commands are proposed
        chooseProposed(); // and applied
        for (int i = 0; i < wave.size(); i++) {
            assertArrayEquals(new byte[]{(byte) i}, wave.get(i).join());
        }
        assertTrue(pending.ownSession() != 0);
        assertEquals(1, pending.sessionMaps(), "the own session's emptied map is kept for the next wave");

        List<CompletableFuture<byte[]>> next = submit(2);
        chooseProposed();
        assertArrayEquals(new byte[]{1}, next.get(1).join());
        assertEquals(1, pending.sessionMaps());

        pending.onSessionEnded(pending.ownSession());
        assertEquals(0, pending.sessionMaps(), "an ended session's map is given back");
    }
}
