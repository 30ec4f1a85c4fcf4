package io.synod.runtime;

import java.util.zip.CRC32C;

/**
 * A running digest of everything a replica applied: after entry {@code i} it stands for entries
 * 1 to {@code i}, each command's payload and the outcome it had (result, refusal, or neither),
 * and, if the state machine offers one, its own digest of the state. Replicas that applied the
 * same entries alike hold equal digests at equal indexes, however they got there (by applying,
 * or by installing a snapshot, which carries the digest); ZooKeeper keeps such a digest of its
 * data tree for the same reason.
 *
 * <p>Not cryptographic: it catches accidents (a nondeterministic state machine, a bug, a bad
 * disk), not an adversary. Each step is a CRC32C of the bytes (hardware-assisted) folded into
 * 64 bits through a bijective mixer, so order matters and a single changed byte changes the
 * digest.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class AppliedDigest {

    /** What became of a command, as the digest records it. */
    enum Outcome { APPLIED, REFUSED, SKIPPED }

    private final CRC32C crc = new CRC32C();
    private long value;

    /** The digest as of the last entry folded in. */
    long value() {
        return value;
    }

    /** Restarts the chain from a snapshot's digest. */
    void reset(long digest) {
        value = digest;
    }

    /** Begins entry {@code index}. */
    void entry(long index) {
        fold(index);
    }

    /** Folds in one command of the current entry and its outcome. */
    void command(long clientId, long sequence, long payloadDigest, Outcome outcome, byte[] result) {
        // Two folds a command, the apply path's hot spot: which command (its identity spread over
        // 64 bits before they meet), then what became of it.
        fold(payloadDigest ^ clientId * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(sequence * 0xC2B2AE3D27D4EB4FL, 31));
        fold(((long) outcome.ordinal() << 62) ^ (result == null ? -1 : crc(result)));
    }

    /** Folds in the end of a session (closed, or {@code expired}) within the current entry. */
    void sessionEnded(long sessionId, boolean expired) {
        fold(sessionId * 0xC2B2AE3D27D4EB4FL ^ (expired ? 0x165667B19E3779F9L : 0x27D4EB2F165667C5L));
    }

    /** Ends the current entry with the state machine's own digest (0 if it offers none). */
    void state(long stateDigest) {
        fold(stateDigest);
    }

    /** A digest of {@code bytes}: length and CRC32C, so that the empty array and a missing one differ. */
    long crc(byte[] bytes) {
        if (bytes.length == 0) {
            return 0;
        }
        crc.reset();
        crc.update(bytes, 0, bytes.length);
        return ((long) bytes.length << 32) | crc.getValue();
    }

    private void fold(long v) {
        // Murmur3's 64-bit finaliser, after an odd multiply: every input bit reaches every output bit.
        long h = (value ^ v) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        value = h;
    }
}
