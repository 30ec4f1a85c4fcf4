package io.synod.storage;

import io.synod.api.LogEntry;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The process {@link LogCrashTest} kills: opens the log, prints {@code open <lastIndex>}, then
 * appends forever and reports what it knows durable. In {@code sync} mode it appends batches,
 * calls {@code sync()} and prints {@code synced <index>}; in {@code async} mode four threads append
 * through group commit and print {@code synced <index> <thread> <sequence>} for each record.
 *
 * <p>Every payload is a function of the run's seed and a key, so the parent can check that an
 * entry holds exactly what was written: in sync mode the key is the entry's index; in async mode,
 * where the log picks the index, it is (cycle, thread, sequence), written into the payload and
 * reported with the index it got ({@link #payload}, {@link Key}).
 *
 * <p>Usage: {@code CrashChild <dir> <sync|async> <seed> <cycle>}
 */
public final class CrashChild {

    static final StorageOptions OPTIONS = StorageOptions.builder().segmentSize(16 << 10).build();

    private static final byte SYNC = 'S';
    private static final byte ASYNC = 'A';
    private static final int KEY_LENGTH = 1 + 8 + 4 + 4 + 8;

    /**
     * What a payload was made from.
     *
     * @param kind     {@code 'S'} (keyed by index) or {@code 'A'} (keyed by cycle, thread, sequence)
     * @param index    the entry index, for {@code 'S'}
     * @param cycle    the crash cycle, for {@code 'A'}
     * @param thread   the appending thread, for {@code 'A'}
     * @param sequence the thread's record count, for {@code 'A'}
     */
    record Key(byte kind, long index, int cycle, int thread, long sequence) {
        static Key sync(long index) {
            return new Key(SYNC, index, 0, 0, 0);
        }

        static Key async(int cycle, int thread, long sequence) {
            return new Key(ASYNC, 0, cycle, thread, sequence);
        }
    }

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean async = args[1].equals("async");
        long seed = Long.parseLong(args[2]);
        int cycle = Integer.parseInt(args[3]);
        FileLogStore log = FileLogStore.open(dir, OPTIONS);
        report("open " + log.lastIndex());
        if (async) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Thread appender = new Thread(() -> {
                    for (long sequence = 0; ; sequence++) {
                        long index = log.appendAsync(1, payload(seed, Key.async(cycle, thread, sequence))).join();
                        report("synced " + index + " " + thread + " " + sequence);
                    }
                });
                appender.start();
                threads.add(appender);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } else {
            SplittableRandom random = new SplittableRandom(seed ^ cycle);
            while (true) {
                List<LogEntry> batch = new ArrayList<>();
                int size = 1 + random.nextInt(16);
                for (int i = 0; i < size; i++) {
                    long index = log.lastIndex() + 1 + i;
                    batch.add(new LogEntry(index, 1, payload(seed, Key.sync(index))));
                }
                log.append(batch);
                log.sync();
                report("synced " + log.lastIndex());
            }
        }
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The key, then 0 to 599 bytes drawn from a generator seeded by the run's seed and the key. */
    static byte[] payload(long seed, Key key) {
        long mixed = seed;
        for (long part : new long[] {key.kind(), key.index(), key.cycle(), key.thread(), key.sequence()}) {
            mixed = (mixed ^ part) * 0x9E3779B97F4A7C15L;
        }
        SplittableRandom random = new SplittableRandom(mixed);
        byte[] body = new byte[random.nextInt(600)];
        random.nextBytes(body);
        return ByteBuffer.allocate(KEY_LENGTH + body.length).put(key.kind()).putLong(key.index()).putInt(key.cycle())
            .putInt(key.thread()).putLong(key.sequence()).put(body).array();
    }

    /** The key a payload claims, or null when it is too short to hold one. */
    static Key keyOf(byte[] payload) {
        if (payload.length < KEY_LENGTH) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        return new Key(in.get(), in.getLong(), in.getInt(), in.getInt(), in.getLong());
    }

    /** True when {@code payload} is exactly what {@link #payload} makes for the key it claims. */
    static boolean isExactly(long seed, Key key, byte[] payload) {
        return key != null && Arrays.equals(payload(seed, key), payload);
    }
}
