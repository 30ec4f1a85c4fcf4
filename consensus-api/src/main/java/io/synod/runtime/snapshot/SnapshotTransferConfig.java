package io.synod.runtime.snapshot;

/**
 * How snapshots travel between replicas: one validated, immutable value.
 *
 * @param chunkBytes   bytes of snapshot per message; must fit the transport's frame bound
 * @param window       chunks in flight per transfer at most (flow control: the sender reads
 *                     and sends more only as acknowledgements come back)
 * @param resendTicks  ticks without an acknowledgement after which the unacknowledged chunks
 *                     are sent again (go-back-N)
 * @param abandonTicks ticks without progress after which a transfer is given up (sender) or
 *                     its partial stream dropped (receiver); the core asks again if it still must
 */
public record SnapshotTransferConfig(int chunkBytes, int window, int resendTicks, int abandonTicks) {

    /** 256 KiB chunks, 8 in flight (2 MiB), resend after 4 ticks, give up after 200. */
    public static final SnapshotTransferConfig DEFAULTS = new SnapshotTransferConfig(256 << 10, 8, 4, 200);

    public SnapshotTransferConfig {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be >= 1, was " + chunkBytes);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        if (resendTicks < 1) {
            throw new IllegalArgumentException("resendTicks must be >= 1, was " + resendTicks);
        }
        if (abandonTicks <= resendTicks) {
            throw new IllegalArgumentException("abandonTicks must exceed resendTicks, were " + abandonTicks + " and " + resendTicks);
        }
    }
}
