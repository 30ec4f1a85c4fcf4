package io.synod.benchmarks.storage;

import io.synod.api.LogEntry;
import io.synod.storage.FileLogStore;
import io.synod.storage.StorageOptions;
import io.synod.storage.SyncPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a segment roll costs the appending thread: one append + sync of a {@value #RECORD_SIZE}-byte
 * record at a time (as the replica thread persists a batch), sampled, with segments of 4 MiB so
 * that a roll comes every thousand appends or so (or of {@code -p segmentSize=67108864}). With
 * {@code preallocate=false} each roll writes and forces a whole segment of zeros on the appending
 * thread; with {@code true} a background thread has prepared it and the roll writes and forces its
 * header, renames it and syncs the directory. The rolls show in the high percentiles and the
 * maximum; at tear-down the run prints how long the appends that rolled took (min / median / max
 * over the trial, warm-up included) and how many of the rolls took a prepared segment.
 *
 * <p>Files go to {@code -Dsynod.bench.dir} (default: the temp directory).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SegmentRollBenchmark {

    static final int RECORD_SIZE = 4000;

    /** 4 MiB: a roll every thousand appends or so; 64 MiB, the default, for the cost of one roll as a replica sees it. */
    @Param({"4194304"})
    public int segmentSize;

    @Param({"true", "false"})
    public boolean preallocate;

    private Path dir;
    private FileLogStore log;
    private byte[] data;
    private long startIndex;
    /** Records per segment: header 32 bytes, each record its data and a 32-byte header. */
    private long perSegment;
    /** How long each append + sync that rolled the log took, in ns, in this trial. */
    private final List<Long> rolls = new ArrayList<>();

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path base = Path.of(System.getProperty("synod.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(base, "synod-segment-roll");
        log = FileLogStore.open(dir.resolve("log"), StorageOptions.builder().syncPolicy(SyncPolicy.ALWAYS)
            .segmentSize(segmentSize).preallocateSegments(preallocate).build());
        perSegment = (segmentSize - 32) / (RECORD_SIZE + 32);
        data = new byte[RECORD_SIZE];
        ThreadLocalRandom.current().nextBytes(data);
        startIndex = log.lastIndex();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        List<Long> sorted = rolls.stream().sorted().toList();
        System.out.printf("%n[preallocate=%s: %d appends, %d rolls (%d took a prepared segment); append+sync that rolled:"
                + " min %.1f / median %.1f / max %.1f ms]%n", preallocate, log.lastIndex() - startIndex, sorted.size(),
            log.preparedSegmentsTaken(), ms(sorted, 0), ms(sorted, sorted.size() / 2), ms(sorted, sorted.size() - 1));
        log.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double ms(List<Long> sorted, int i) {
        return sorted.isEmpty() ? 0 : sorted.get(i) / 1e6;
    }

    @Benchmark
    @Threads(1)
    public long appendAndSync() {
        long index = log.lastIndex() + 1;
        boolean rolls = index > 1 && (index - 1) % perSegment == 0; // the first record of a new segment
        long start = rolls ? System.nanoTime() : 0;
        log.append(List.of(new LogEntry(index, 1, data)));
        log.sync();
        if (rolls) {
            this.rolls.add(System.nanoTime() - start);
        }
        return index;
    }
}
