package io.synod.benchmarks.storage;

import io.synod.storage.FileLogStore;
import io.synod.storage.StorageOptions;
import io.synod.storage.SyncPolicy;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Appends to the file write-ahead log with {@link SyncPolicy#ALWAYS}, one and 64 concurrent
 * appenders through group commit, beside the baseline a log cannot beat: a raw
 * {@code FileChannel.write} + {@code force} loop on a preallocated file on the same disk, writing
 * records of the same size in batches of 1 and of 64. Scores are appends (records) per second;
 * the {@code fsyncs} counter is fsyncs per second of the log (for the raw loop it is the score
 * divided by the batch size).
 *
 * <p>Files go to {@code -Dsynod.bench.dir} (default: the temp directory) so that both sides use
 * the same disk.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(java.util.concurrent.TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class LogAppendBenchmark {

    private static final int RAW_FILE_SIZE = StorageOptions.DEFAULT_SEGMENT_SIZE;
    /** The on-disk size a log record adds to its data (length, CRC, index, term). */
    private static final int RECORD_HEADER = 24;

    @Param({"100", "4096"})
    public int recordSize;

    private Path dir;
    private FileLogStore log;
    private byte[] data;
    private FileChannel raw;
    private ByteBuffer rawOne;
    private ByteBuffer rawBatch;
    private long rawPosition;
    private final AtomicInteger tickets = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path base = Path.of(System.getProperty("synod.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(base, "synod-log-append");
        log = FileLogStore.open(dir.resolve("log"), StorageOptions.builder().syncPolicy(SyncPolicy.ALWAYS).build());
        data = new byte[recordSize];
        ThreadLocalRandom.current().nextBytes(data);
        raw = FileChannel.open(dir.resolve("raw"), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < RAW_FILE_SIZE; at += zeros.capacity()) {
            raw.write(zeros.clear(), at);
        }
        raw.force(true);
        rawOne = filled(recordSize + RECORD_HEADER);
        rawBatch = filled(64 * (recordSize + RECORD_HEADER));
    }

    private static ByteBuffer filled(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return ByteBuffer.allocateDirect(size).put(bytes).flip();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        raw.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Fsyncs per second of the log, counted by the first appender thread for all of them. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Fsyncs {
        public long fsyncs;
        private boolean counts;
        private long start;

        @Setup(Level.Trial)
        public void claim(LogAppendBenchmark bench) {
            counts = bench.tickets.getAndIncrement() == 0;
        }

        @Setup(Level.Iteration)
        public void start(LogAppendBenchmark bench) {
            start = bench.log.fsyncCount();
            fsyncs = 0;
        }

        void observe(FileLogStore log) {
            if (counts) {
                fsyncs = log.fsyncCount() - start;
            }
        }
    }

    @Benchmark
    @Threads(1)
    public long logOneAppender(Fsyncs counter) {
        long index = log.appendAsync(1, data).join();
        counter.observe(log);
        return index;
    }

    @Benchmark
    @Threads(64)
    public long log64Appenders(Fsyncs counter) {
        long index = log.appendAsync(1, data).join();
        counter.observe(log);
        return index;
    }

    @Benchmark
    @Threads(1)
    public void rawBatch1() throws IOException {
        write(rawOne);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(64)
    public void rawBatch64() throws IOException {
        write(rawBatch);
    }

    private void write(ByteBuffer records) throws IOException {
        if (rawPosition + records.capacity() > RAW_FILE_SIZE) {
            rawPosition = 0;
        }
        records.clear();
        while (records.hasRemaining()) {
            rawPosition += raw.write(records, rawPosition);
        }
        raw.force(false);
    }
}
