package io.synod.testkit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sessions check on hand-made histories: nodes that end the same sessions at an index, in the
 * same order and for the same reason, pass; a node that expires a session one entry late, closes
 * what another expired, or ends them in another order is named with both lists.
 */
class SessionOracleTest {

    @Test
    void nodesThatEndTheSameSessionsAtAnIndexAgree() {
        SessionOracle oracle = new SessionOracle();
        assertTrue(oracle.ended(1, 7, true), "the first expiry of session 7 anywhere");
        oracle.ended(1, 9, false);
        assertNull(oracle.entryApplied(1, 10));
        assertFalse(oracle.ended(2, 7, true), "counted once");
        oracle.ended(2, 9, false);
        assertNull(oracle.entryApplied(2, 10));
        assertNull(oracle.entryApplied(3, 11), "node 3 applies index 11 first: the reference there");
        assertNull(oracle.entryApplied(1, 11));
    }

    @Test
    void aSessionExpiredOneEntryLateOnOneNodeIsCaught() {
        SessionOracle oracle = new SessionOracle();
        oracle.ended(1, 7, true);
        assertNull(oracle.entryApplied(1, 10));
        assertEquals("node 2 ended sessions [] at index 10, but another node ended [7 expired] there",
            oracle.entryApplied(2, 10), "node 2 kept session 7 one entry longer");
    }

    @Test
    void anotherReasonOrAnotherOrderIsCaught() {
        SessionOracle oracle = new SessionOracle();
        oracle.ended(1, 7, true);
        oracle.ended(1, 9, true);
        assertNull(oracle.entryApplied(1, 5));
        oracle.ended(2, 7, false);
        oracle.ended(2, 9, true);
        assertEquals("node 2 ended sessions [7 closed, 9 expired] at index 5, but another node ended [7 expired, 9 expired] there",
            oracle.entryApplied(2, 5));
        oracle.ended(3, 9, true);
        oracle.ended(3, 7, true);
        assertNotNull(oracle.entryApplied(3, 5), "the (deadline, id) order is part of what must agree");
    }

    @Test
    void whatACrashedNodeSawOfAnEntryIsForgotten() {
        SessionOracle oracle = new SessionOracle();
        oracle.ended(1, 7, true);
        assertNull(oracle.entryApplied(1, 3));
        oracle.ended(2, 8, true);
        oracle.forget(2);
        oracle.ended(2, 7, true);
        assertNull(oracle.entryApplied(2, 3), "after the crash node 2 applied entry 3 again, as node 1 did");
    }
}
