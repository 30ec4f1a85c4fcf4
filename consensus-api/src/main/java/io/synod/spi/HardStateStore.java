package io.synod.spi;

/**
 * A replica's small durable state — the ballot it promised, the epoch it accepted, its vote —
 * as the protocol encodes it. {@link #save} is atomic and durable: after a crash, {@link #load}
 * returns either the old or the new value whole, never a mix.
 */
public interface HardStateStore extends AutoCloseable {

    /** The last saved state, or an empty array if none was ever saved. */
    byte[] load();

    /** Replaces the state atomically; durable when it returns. */
    void save(byte[] state);

    @Override
    void close();
}
