package io.synod.examples.coordination.ensemble;

import java.util.ArrayList;
import java.util.List;

/**
 * The promise of {@code sync}, checked on a history of one znode: a read issued after a {@code sync}
 * that began after a write was acknowledged returns that write's value or a later one. The writes set
 * increasing numbers, so "later" is "greater". Times are {@link System#nanoTime()} of this JVM, where
 * every client of the history runs, so real-time order is well defined.
 */
final class SyncReadCheck {

    /** A write of {@code value}, acknowledged at {@code acknowledged}. */
    record Write(long value, long acknowledged) {
    }

    /** A read by {@code who} whose sync began at {@code syncBegan} and which returned {@code value}. */
    record Read(String who, long syncBegan, long value) {
    }

    private final List<Write> writes = new ArrayList<>();
    private final List<Read> reads = new ArrayList<>();

    synchronized void write(long value, long acknowledged) {
        writes.add(new Write(value, acknowledged));
    }

    synchronized void read(String who, long syncBegan, long value) {
        reads.add(new Read(who, syncBegan, value));
    }

    synchronized List<Read> reads() {
        return List.copyOf(reads);
    }

    /** Every read older than a write acknowledged before its sync began, described; empty if none. */
    synchronized List<String> staleReads() {
        List<String> stale = new ArrayList<>();
        for (Read r : reads) {
            for (Write w : writes) {
                if (w.acknowledged() < r.syncBegan() && r.value() < w.value()) {
                    stale.add(r.who() + " read " + r.value() + " after a sync begun "
                        + (r.syncBegan() - w.acknowledged()) / 1_000_000 + " ms after the write of " + w.value()
                        + " was acknowledged");
                    break;
                }
            }
        }
        return stale;
    }
}
