package io.synod.benchmarks.group;

import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClosedLoopTest {

    /**
     * The warm-up before a benchmark's iterations leaves nothing behind: every command it
     * submitted is applied when it returns, so the first iteration's counts (which the smoke test
     * checks exactly) start from a quiet cluster. It reports one figure per whole second.
     */
    @Test
    void warmUpAppliesEveryCommandItSubmittedBeforeItReturns() throws InterruptedException {
        try (ReplicaGroup group = new ReplicaGroup(MultiPaxos.builder().maxBatch(64).build(), 3, ReplicaGroup.Network.IN_JVM,
                ReplicaGroup.Storage.MEMORY, ReplicaConfig.defaults(), ReplicaGroup.baseDir())) {
            Replica leader = group.awaitLeader(60);
            long before = group.commandsApplied(leader);

            long[] perSecond = ClosedLoop.warmUp(64, leader, new byte[100], Duration.ofSeconds(2));

            long applied = group.commandsApplied(leader) - before;
            assertEquals(2, perSecond.length, "one figure per whole second");
            assertTrue(Arrays.stream(perSecond).allMatch(n -> n > 0), () -> "a second without commands: " + Arrays.toString(perSecond));
            // The 64 of the first window, then one more for each completed.
            assertEquals(64 + Arrays.stream(perSecond).sum(), applied, "commands applied by the time the warm-up returned");
        }
    }

    @Test
    void noWarmUpSubmitsNothing() {
        assertEquals(0, ClosedLoop.warmUp(64, null, new byte[100], Duration.ZERO).length);
    }
}
