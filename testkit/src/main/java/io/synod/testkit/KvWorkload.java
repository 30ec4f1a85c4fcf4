package io.synod.testkit;

import io.synod.testkit.kv.KvOp;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * Clients of {@link io.synod.testkit.kv.KvStateMachine}: puts, gets, appends and increments
 * over a few keys. Written values are unique per client and operation, so that the checker
 * can tell every write apart.
 */
public final class KvWorkload implements Workload<KvOp, String> {

    private final int keys;

    /** A workload over {@code keys} keys named k0, k1, … */
    public KvWorkload(int keys) {
        if (keys < 1) {
            throw new IllegalArgumentException("a workload needs at least one key, was " + keys);
        }
        this.keys = keys;
    }

    @Override
    public KvOp next(RandomGenerator random, int client, long operation) {
        String key = "k" + random.nextInt(keys);
        int roll = random.nextInt(100);
        String value = (char) ('a' + client % 26) + Long.toString(operation);
        if (roll < 40) {
            return KvOp.get(key);
        }
        if (roll < 60) {
            return KvOp.put(key, value);
        }
        if (roll < 85) {
            return KvOp.append(key, value + ",");
        }
        return KvOp.increment(key);
    }

    @Override
    public byte[] encode(KvOp input) {
        return input.encode();
    }

    @Override
    public boolean isRead(KvOp input) {
        return input.isRead();
    }

    @Override
    public String decode(KvOp input, byte[] result) {
        return new String(result, StandardCharsets.UTF_8);
    }
}
