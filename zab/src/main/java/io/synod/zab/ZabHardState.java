package io.synod.zab;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * What a ZAB peer keeps besides its log, as ZooKeeper keeps it in the files {@code acceptedEpoch}
 * and {@code currentEpoch}:
 * <ul>
 *   <li>{@code acceptedEpoch} — the newest epoch it promised (ACKEPOCH) to follow: it never
 *       acknowledges anything of an older leader after that;</li>
 *   <li>{@code currentEpoch} — the epoch whose leader's history it holds (NEWLEADER). Stored only
 *       after that history is durable (ZOOKEEPER-4643): elections rank peers by it first, so a
 *       peer must never claim an epoch for a history it does not hold;</li>
 *   <li>{@code rejoinEpoch} — while the peer re-learns a log that storage found damaged, the
 *       accepted epoch it had then ({@link #VOTING} otherwise).</li>
 * </ul>
 *
 * <pre>
 *  magic "ZABH" (int) | version (int) | acceptedEpoch (long) | currentEpoch (long) | rejoinEpoch (long)
 * </pre>
 */
record ZabHardState(long acceptedEpoch, long currentEpoch, long rejoinEpoch) {

    /** A rejoin epoch that says the peer votes. */
    static final long VOTING = -1;

    static final ZabHardState INITIAL = new ZabHardState(0, 0, VOTING);

    private static final int MAGIC = 0x5A414248; // "ZABH"
    private static final int VERSION = 1;
    private static final int LENGTH = 2 * Integer.BYTES + 3 * Long.BYTES;

    ZabHardState {
        if (acceptedEpoch < 0 || currentEpoch < 0 || currentEpoch > acceptedEpoch || rejoinEpoch < VOTING) {
            throw new IllegalArgumentException("inconsistent hard state: acceptedEpoch " + acceptedEpoch
                + ", currentEpoch " + currentEpoch + ", rejoinEpoch " + rejoinEpoch);
        }
    }

    boolean rejoining() {
        return rejoinEpoch != VOTING;
    }

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH).putInt(MAGIC).putInt(VERSION).putLong(acceptedEpoch).putLong(currentEpoch)
            .putLong(rejoinEpoch).array();
    }

    /**
     * @throws IllegalStateException naming what is wrong, if the bytes are not a hard state this
     *                               code wrote (the replica must not start on them)
     */
    static ZabHardState decode(byte[] bytes) {
        if (bytes.length == 0) {
            return INITIAL;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int magic = in.getInt();
            if (magic != MAGIC) {
                throw new IllegalStateException("ZAB hard state: bad magic 0x" + Integer.toHexString(magic) + " at offset 0");
            }
            int version = in.getInt();
            if (version != VERSION) {
                throw new IllegalStateException("ZAB hard state: unknown version " + version + " at offset 4");
            }
            ZabHardState state = new ZabHardState(in.getLong(), in.getLong(), in.getLong());
            if (in.hasRemaining()) {
                throw new IllegalStateException("ZAB hard state: " + in.remaining() + " stray bytes at offset " + LENGTH);
            }
            return state;
        } catch (BufferUnderflowException e) {
            throw new IllegalStateException("ZAB hard state: truncated at " + bytes.length + " bytes", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ZAB hard state: " + e.getMessage(), e);
        }
    }
}
