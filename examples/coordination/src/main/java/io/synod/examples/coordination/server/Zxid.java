package io.synod.examples.coordination.server;

/**
 * ZooKeeper's transaction id from a place in the Synod log: the entry's index in the high bits, the
 * command's position within the entry in the low 16, so that two writes batched into one entry still
 * get distinct, increasing zxids. A client's last seen zxid names the log index a server must have
 * applied before it answers that client.
 */
public final class Zxid {

    static final int POSITION_BITS = 16;
    static final int MAX_POSITION = (1 << POSITION_BITS) - 1;

    private Zxid() {
    }

    public static long of(long index, int position) {
        if (position < 0 || position > MAX_POSITION) {
            throw new IllegalStateException("position " + position + " in entry " + index + " does not fit a zxid's "
                + POSITION_BITS + " bits");
        }
        return (index << POSITION_BITS) | position;
    }

    /** The log index a zxid was taken at (0 for zxid 0 or a negative one). */
    public static long index(long zxid) {
        return zxid <= 0 ? 0 : zxid >>> POSITION_BITS;
    }
}
