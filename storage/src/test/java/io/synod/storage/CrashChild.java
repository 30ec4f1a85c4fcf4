package io.synod.storage;

import io.synod.api.LogEntry;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * The process {@link LogCrashTest} kills: opens the log, prints {@code open <lastIndex>}, then
 * appends forever and prints {@code synced <index>} for every index it knows durable. In
 * {@code sync} mode it appends batches and calls {@code sync()}; in {@code async} mode four
 * threads append through group commit. Payloads check themselves ({@link #isIntact}).
 *
 * <p>Usage: {@code CrashChild <dir> <sync|async> <seed>}
 */
public final class CrashChild {

    static final StorageOptions OPTIONS = StorageOptions.builder().segmentSize(16 << 10).build();

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean async = args[1].equals("async");
        long seed = Long.parseLong(args[2]);
        FileLogStore log = FileLogStore.open(dir, OPTIONS);
        report("open " + log.lastIndex());
        if (async) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(seed + t);
                Thread thread = new Thread(() -> {
                    while (true) {
                        long index = log.appendAsync(1, payload(random)).join();
                        report("synced " + index);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } else {
            Random random = new Random(seed);
            while (true) {
                List<LogEntry> batch = new ArrayList<>();
                int size = 1 + random.nextInt(16);
                for (int i = 0; i < size; i++) {
                    batch.add(new LogEntry(log.lastIndex() + 1 + i, 1, payload(random)));
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

    /** Random bytes followed by their CRC32. */
    static byte[] payload(Random random) {
        byte[] body = new byte[random.nextInt(600)];
        random.nextBytes(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(body.length + Long.BYTES).put(body).putLong(crc.getValue()).array();
    }

    static boolean isIntact(byte[] payload) {
        if (payload.length < Long.BYTES) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(payload, 0, payload.length - Long.BYTES);
        return ByteBuffer.wrap(payload).getLong(payload.length - Long.BYTES) == crc.getValue();
    }
}
