package io.synod.examples.node;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What one writer knows of one key it alone writes: the values it tried, in increasing order, and
 * the last one acknowledged. A write is in flight alone (the writer waits for each answer), so for
 * a linearizable store every read of the key, and every previous value a write returns, is the
 * last acknowledged value or one tried after it — never an older value, never one not tried.
 *
 * <p>A write whose answer was lost (a killed node, a timeout) may be applied later or never; as
 * long as the write that follows it could not overtake it, which holds here because each cycle
 * of the test lets the cluster settle (a new leader recovers every chosen slot before it orders
 * anything new), reading it is allowed only while no later write was acknowledged.
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
