package io.synod.examples.coordination.session;

import java.util.TreeSet;

/**
 * Numbers one session's commands on this server (from the next after the last one applied) and
 * tracks which are answered, so that each command acknowledges every answer received without a gap:
 * the replicas then forget those results.
 */
public final class SequenceWindow {

    private long next;
    private long ackedThrough;
    private final TreeSet<Long> answeredAbove = new TreeSet<>();

    /** @param lastApplied the session's highest sequence number already used */
    public SequenceWindow(long lastApplied) {
        this.next = lastApplied + 1;
        this.ackedThrough = lastApplied;
    }

    public synchronized long next() {
        return next++;
    }

    /** The highest number handed out (or the last applied one this window started from). */
    public synchronized long lastIssued() {
        return next - 1;
    }

    public synchronized void answered(long sequence) {
        if (sequence <= ackedThrough) {
            return;
        }
        answeredAbove.add(sequence);
        while (answeredAbove.remove(ackedThrough + 1)) {
            ackedThrough++;
        }
    }

    /** Every number up to this one is answered. */
    public synchronized long ackedThrough() {
        return ackedThrough;
    }
}
