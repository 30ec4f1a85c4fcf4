package io.synod.runtime.session;

import io.synod.api.Command;

import java.util.TreeMap;

/**
 * One open session as every replica holds it: replicated state, changed only by applying the log.
 *
 * <p>Its deadline is {@code max(lastActive, grace) + timeout} in log time, where {@code grace}
 * is the table's (the log time of the first entry of the latest term). Results are kept for the
 * numbers in {@code (floor, highest]}. The floor only rises — to the client's acknowledged number,
 * and to {@code highest - window} whenever the session's commands are admitted or recorded — so
 * that a result once forgotten never comes back when the replicated window grows (a replica
 * restored from a snapshot could not bring it back). Once nothing above the floor remains the ring
 * is emptied (its results released) and kept for the session's next commands, so that a client
 * keeping thousands in flight does not rebuild it from two slots at every full acknowledgement;
 * it is dropped instead when it is over {@value #RING_SLACK} times what the commands just
 * acknowledged needed, so that a session that slowed down, and then an idle one, gives the slots back.
 *
 * <p>A FIFO session applies its commands in sequence order from 1: a command above
 * {@code fifoNext} waits in {@code heldBack} until the gap before it fills.
 */
final class SessionState {

    /** A ring emptied by an acknowledgement is kept up to this many times the span it held. */
    static final int RING_SLACK = 4;

    final long id;
    final long timeoutMillis;
    final boolean fifo;
    /** The nonce of the command that opened it, so that a retried open finds it. */
    final long openNonce;
    /** Log time of the last command or renewal. */
    long lastActive;
    /** The highest sequence number applied or refused by the state machine. */
    long highest;
    /** Numbers at or below this are forgotten: acknowledged, or fallen out of the window. Only rises. */
    long floor;
    /** Remembered outcomes, or null when none is. */
    ResultWindow results;
    /** FIFO only: the next sequence number to apply. */
    long fifoNext = 1;
    /** FIFO only: commands above {@code fifoNext}, by number, or null when none waits. */
    TreeMap<Long, Command> heldBack;

    SessionState(long id, long timeoutMillis, boolean fifo, long openNonce, long lastActive) {
        this.id = id;
        this.timeoutMillis = timeoutMillis;
        this.fifo = fifo;
        this.openNonce = openNonce;
        this.lastActive = lastActive;
    }

    long deadline(long grace) {
        return Math.max(lastActive, grace) + timeoutMillis;
    }

    /** The floor under {@code window}: numbers at or below it are refused as expired. */
    long floor(int window) {
        return Math.max(floor, highest - window);
    }

    /** Raises the floor to {@code to}, releasing the results it passes. */
    void raiseFloor(long to) {
        if (to <= floor) {
            return;
        }
        if (results != null) {
            if (to >= highest) {
                long held = highest - floor;
                if (results.capacity() > RING_SLACK * held) {
                    results = null;
                } else {
                    results.forget(floor, highest);
                }
            } else {
                results.forget(floor, to);
            }
        }
        floor = to;
    }
}
