package io.synod.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A follower hands a command to its leader and forgets it; if that leader dies, the command is
 * lost with it. Once another leader is known, every unanswered command is asked again at the
 * next tick rather than after {@code retryTicks} (ten ticks, half a second by default): this is
 * what lets a write begun just before a leader's crash complete as soon as the next leader leads.
 */
class LeaderChangeRetryTest extends PendingRequestsFixture {

    @Test
    void aNewLeaderHasUnansweredCommandsAskedAgainAtTheNextTick() {
        List<CompletableFuture<byte[]>> wave = submit(2);
        chooseProposed(); // the handle's session opens; the waiting commands are proposed (to a leader that dies)
        assertEquals(2, proposed.size());
        proposed.clear();
        pending.retryAndExpire(0, 1);
        pending.retryAndExpire(0, 2);
        assertEquals(0, proposed.size(), "the control: without news, nothing is asked again before retryTicks");

        pending.leaderChanged(2);
        pending.retryAndExpire(0, 3);
        assertEquals(2, proposed.size(), "both are asked again at the tick after the new leader became known");
        pending.retryAndExpire(0, 4);
        assertEquals(2, proposed.size(), "and then wait retryTicks again");

        chooseProposed();
        for (int i = 0; i < wave.size(); i++) {
            assertArrayEquals(new byte[]{(byte) i}, wave.get(i).join());
        }
    }

    @Test
    void withoutANewLeaderTheyWaitRetryTicks() {
        submit(1);
        chooseProposed();
        proposed.clear();
        for (long tick = 1; tick < config.retryTicks(); tick++) {
            pending.retryAndExpire(0, tick);
        }
        assertEquals(0, proposed.size());
        pending.retryAndExpire(0, config.retryTicks());
        assertEquals(1, proposed.size());
    }
}
