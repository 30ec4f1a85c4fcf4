package io.synod.zab.message;

/**
 * A ZooKeeper transaction id as this implementation carries it: the epoch of the leader that
 * proposed the transaction and its position in the log. ZooKeeper packs the same facts into one
 * long, {@code epoch << 32 | counter}, where the counter restarts at 1 in every epoch; here the
 * log stays contiguous across epochs, so the position is the log index and the counter is derived
 * from it and the index the epoch started after ({@link #packed(long)}).
 *
 * <p>Zxids order as ZooKeeper's do: by epoch, then by position. Within one log, a later entry
 * never has a smaller epoch, so this order is the log's order.
 *
 * @param epoch the epoch that proposed the entry (the log entry's term); 0 for an empty log
 * @param index the log index; 0 for an empty log
 */
public record Zxid(long epoch, long index) implements Comparable<Zxid> {

    /** The zxid of an empty history. */
    public static final Zxid ZERO = new Zxid(0, 0);

    /** The largest counter the low 32 bits of a packed zxid hold. */
    public static final long MAX_COUNTER = 0xFFFF_FFFFL;

    public Zxid {
        if (epoch < 0 || epoch > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("epoch must be in 0..2^32-1, was " + epoch);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
    }

    /**
     * ZooKeeper's 64-bit form, given the index after which {@code epoch} began (its leader's
     * history end): {@code epoch << 32 | (index - epochStart)}.
     *
     * @throws IllegalArgumentException if the counter does not fit 32 bits
     */
    public long packed(long epochStart) {
        long counter = index - epochStart;
        if (counter < 0 || counter > MAX_COUNTER) {
            throw new IllegalArgumentException("counter " + counter + " of " + this + " does not fit 32 bits");
        }
        return epoch << 32 | counter;
    }

    @Override
    public int compareTo(Zxid o) {
        int byEpoch = Long.compare(epoch, o.epoch);
        return byEpoch != 0 ? byEpoch : Long.compare(index, o.index);
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(epoch) + ":" + index;
    }
}
