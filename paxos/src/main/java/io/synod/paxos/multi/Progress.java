package io.synod.paxos.multi;

/**
 * What a leader knows about one peer's log: the highest slot up to which the peer holds the
 * leader's values ({@code match}) and the next slot to send. A peer in probe state gets one
 * Accept per heartbeat or reply until it confirms where it stands; a replicating peer gets new
 * slots as soon as they are opened (pipelining).
 */
final class Progress {

    long match;
    long next;
    boolean probing = true;

    Progress(long next) {
        this.next = next;
    }

    /** The peer holds the leader's values through {@code slot}. */
    void matched(long slot) {
        match = Math.max(match, slot);
        next = Math.max(next, slot + 1);
        probing = false;
    }

    /** The peer refused: it holds our values only through {@code slot}; resend from there. */
    void refused(long slot) {
        next = slot + 1;
        probing = true;
    }
}
