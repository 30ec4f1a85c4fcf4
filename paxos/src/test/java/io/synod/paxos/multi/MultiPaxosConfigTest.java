package io.synod.paxos.multi;

import io.synod.api.ProtocolContext;
import io.synod.api.Recovered;
import io.synod.quorum.QuorumSystem;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factory's configuration is validated once, with messages that name the setting. */
class MultiPaxosConfigTest {

    @Test
    void defaultsAndName() {
        MultiPaxos p = MultiPaxos.builder().build();
        assertEquals("multi-paxos", p.name());
        assertEquals(10, p.electionTicks());
        assertEquals(2, p.heartbeatTicks());
        assertEquals(0, p.leaseTicks());
        assertTrue(p.quorum().isEmpty(), "a majority of the members unless configured");
        assertTrue(p.codec() instanceof MultiPaxosCodec);
    }

    @Test
    void outOfRangeSettingsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MultiPaxos.builder().heartbeatTicks(10).build())
            .getMessage().contains("heartbeatTicks"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MultiPaxos.builder().leaseTicks(10).build())
            .getMessage().contains("leaseTicks"), "a lease must be shorter than the election timeout");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MultiPaxos.builder().maxBatch(0).build())
            .getMessage().contains("maxBatch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MultiPaxos.builder().maxInflight(0).build())
            .getMessage().contains("maxInflight"));
    }

    @Test
    void aQuorumSystemOverOtherMembersIsRefused() {
        MultiPaxos p = MultiPaxos.builder().quorum(QuorumSystem.majority(1, 2, 4)).build();
        ProtocolContext context = new ProtocolContext(1, new int[] {1, 2, 3}, new int[0], new Random(1), Recovered.EMPTY);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.create(context)).getMessage().contains("quorum"));
    }

    @Test
    void aCorruptHardStateStopsTheReplicaWithAReason() {
        ProtocolContext context = new ProtocolContext(1, new int[] {1, 2, 3}, new int[0], new Random(1),
            new Recovered(new byte[] {9, 0, 0}, null, java.util.List.of()));
        assertTrue(assertThrows(IllegalStateException.class, () -> MultiPaxos.builder().build().create(context))
            .getMessage().contains("version"));
    }
}
