package io.synod.examples.node;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What one writer knows of one key it alone writes: the values it tried, in increasing order, and
 * the last one acknowledged. The writer has at most one write in flight, and after a write whose
 * outcome it cannot know (an error answer, a broken connection: such a write may still be applied,
 * later) it never writes that key again. So no write of the key can take effect after a later one
 * was acknowledged, and a linearizable store must answer every read of the key, and every write's
 * previous value, with the last acknowledged value or a value tried after it: an older value
 * means an acknowledged write was lost, a value never tried means one was invented.
 */
final class KeyLedger {

    final String key;
    private final TreeSet<Long> tried = new TreeSet<>();
    private long acknowledged;
    private final List<String> violations = new ArrayList<>();

    KeyLedger(String key) {
        this.key = key;
    }

    /** The next value to write: one more than any tried. */
    synchronized long next() {
        long value = tried.isEmpty() ? 1 : tried.last() + 1;
        tried.add(value);
        return value;
    }

    /** {@code value} was acknowledged, and the write answered that {@code previous} was there before. */
    synchronized void acknowledged(long value, String previous) {
        check("write of " + value + " returned previous value", previous, value - 1);
        acknowledged = value;
    }

    /** A read returned {@code read}. */
    synchronized void read(String read, String where) {
        check("read at " + where, read, tried.isEmpty() ? 0 : tried.last());
    }

    synchronized long acknowledged() {
        return acknowledged;
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** {@code seen} must be the last acknowledged value or a tried one above it, and at most {@code ceiling}. */
    private void check(String what, String seen, long ceiling) {
        long value;
        if (seen.isEmpty()) {
            value = 0;
        } else {
            try {
                value = Long.parseLong(seen);
            } catch (NumberFormatException e) {
                violations.add(key + ": " + what + " '" + seen + "' is no value ever written");
                return;
            }
        }
        boolean allowed = value == acknowledged || (value > acknowledged && value <= ceiling && tried.contains(value));
        if (!allowed) {
            violations.add(key + ": " + what + " " + (seen.isEmpty() ? "(absent)" : value) + ", but " + acknowledged
                + " was acknowledged last and " + tried.floor(ceiling) + " tried last");
        }
    }
}
