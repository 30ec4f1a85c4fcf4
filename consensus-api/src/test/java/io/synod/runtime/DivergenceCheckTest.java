package io.synod.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who is judged diverged, from the digests of three (or two) members at one index. */
class DivergenceCheckTest {

    private static final long GOOD = 0xA;
    private static final long BAD = 0xB;

    @Test
    void aReplicaInTheMinorityFindsItselfDivergedOnceAMajorityAgrees() {
        DivergenceCheck check = new DivergenceCheck(3, new int[] {1, 2, 3});
        assertNull(check.onOwnReport(8, BAD));
        DivergenceCheck.Finding first = check.onReport(1, 8, GOOD, BAD);
        assertEquals(DivergenceCheck.Kind.DISAGREEMENT, first.kind(), "one against one decides nothing");
        DivergenceCheck.Finding second = check.onReport(2, 8, GOOD, BAD);
        assertEquals(DivergenceCheck.Kind.SELF_DIVERGED, second.kind());
        assertTrue(second.description().contains("replica 3"), second.description());
    }

    @Test
    void aMemberWaitsForItsOwnReportBeforeItJudges() {
        DivergenceCheck check = new DivergenceCheck(3, new int[] {1, 2, 3});
        assertNull(check.onReport(1, 8, GOOD, BAD), "held: replica 3's own report is not in the log");
        assertNull(check.onReport(2, 8, GOOD, BAD), "held, though a majority agrees against it");
        DivergenceCheck.Finding verdict = check.onOwnReport(8, BAD);
        assertEquals(DivergenceCheck.Kind.SELF_DIVERGED, verdict.kind(), "judged where its own report stands");
        assertNull(check.onOwnReport(8, BAD), "a report proposed twice says nothing new");
    }

    @Test
    void theMajorityNamesTheMinorityAtThePositionOfTheMinoritysReport() {
        DivergenceCheck check = new DivergenceCheck(1, new int[] {1, 2, 3});
        assertNull(check.onOwnReport(8, GOOD));
        assertNull(check.onReport(2, 8, GOOD, GOOD));
        assertEquals(DivergenceCheck.Kind.PEER_DIVERGED, check.onReport(3, 8, BAD, GOOD).kind());
    }

    @Test
    void aReplicaInTheMajorityNamesTheOneThatDiverged() {
        DivergenceCheck check = new DivergenceCheck(1, new int[] {1, 2, 3});
        assertNull(check.onReport(2, 8, GOOD, GOOD));
        assertNull(check.onReport(3, 8, BAD, GOOD), "held until its own report");
        DivergenceCheck.Finding finding = check.onOwnReport(8, GOOD);
        assertEquals(DivergenceCheck.Kind.PEER_DIVERGED, finding.kind());
        assertTrue(finding.description().startsWith("replica(s) 3 diverged"), finding.description());
        assertNull(check.onReport(3, 8, BAD, GOOD), "said once");
    }

    @Test
    void withTwoMembersADisagreementIsReportedButStopsNobody() {
        DivergenceCheck check = new DivergenceCheck(1, new int[] {1, 2});
        assertNull(check.onOwnReport(8, GOOD));
        assertEquals(DivergenceCheck.Kind.DISAGREEMENT, check.onReport(2, 8, BAD, GOOD).kind());
    }

    @Test
    void reportsFromOutsideTheMembersAndAgreementsSayNothing() {
        DivergenceCheck check = new DivergenceCheck(1, new int[] {1, 2, 3});
        assertNull(check.onOwnReport(8, GOOD));
        assertNull(check.onReport(7, 8, BAD, GOOD), "node 7 is no member");
        assertNull(check.onReport(2, 8, GOOD, GOOD));
        assertNull(check.onReport(3, 8, GOOD, GOOD));
    }

    @Test
    void anObserverIsJudgedByTheMembersDigestsAtOnce() {
        DivergenceCheck check = new DivergenceCheck(4, new int[] {1, 2, 3});
        assertEquals(DivergenceCheck.Kind.DISAGREEMENT, check.onReport(1, 8, GOOD, BAD).kind(), "one member's digest is no majority");
        assertEquals(DivergenceCheck.Kind.SELF_DIVERGED, check.onReport(2, 8, GOOD, BAD).kind());
    }
}
