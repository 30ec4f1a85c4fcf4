package io.synod.api;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The membership rules every core may rely on, checked once, before any core is built. */
class ProtocolContextTest {

    private static String refusal(int self, int[] members, int[] observers) {
        return assertThrows(IllegalArgumentException.class,
            () -> new ProtocolContext(self, members, observers, new Random(1), Recovered.EMPTY)).getMessage();
    }

    @Test
    void aWellFormedClusterIsAccepted() {
        assertDoesNotThrow(() -> new ProtocolContext(4, new int[] {1, 2, 3}, new int[] {4}, new Random(1), Recovered.EMPTY));
        assertDoesNotThrow(() -> new ProtocolContext(0, new int[] {0, ProtocolContext.MAX_NODE_ID}, new int[0], new Random(1), Recovered.EMPTY));
    }

    @Test
    void eachBrokenRuleIsNamed() {
        assertTrue(refusal(1, new int[0], new int[0]).contains("at least one member"));
        assertTrue(refusal(1, new int[] {1, 70_000}, new int[0]).contains("member id 70000 is outside 0..65535"));
        assertTrue(refusal(-1, new int[] {1}, new int[0]).contains("this node id -1"));
        assertTrue(refusal(1, new int[] {1, 2}, new int[] {-5}).contains("observer id -5"));
        assertTrue(refusal(1, new int[] {1, 2, 2}, new int[0]).contains("members repeat"));
        assertTrue(refusal(4, new int[] {1, 2}, new int[] {4, 4}).contains("observers repeat"));
        assertTrue(refusal(1, new int[] {1, 2}, new int[] {2}).contains("node 2 is both a member and an observer"));
        assertTrue(refusal(9, new int[] {1, 2}, new int[] {3}).contains("node 9 is neither"));
    }
}
