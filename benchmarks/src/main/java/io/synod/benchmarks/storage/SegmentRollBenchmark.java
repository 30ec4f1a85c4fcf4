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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a segment roll costs the appending thread: one append + sync of a {@value #RECORD_SIZE}-byte
 * record at a time (as the replica thread persists a batch), sampled, with segments of
 * {@value #SEGMENT_SIZE} bytes so that a roll comes every thousand appends or so. With
 * {@code preallocate=false} each roll writes and forces a whole segment of zeros on the appending
 * thread; with {@code true} a background thread has prepared it and the roll writes and forces its
 * header, renames it and syncs the directory. The rolls show in the high percentiles and the
 * maximum; at tear-down the run prints how many rolls took a prepared segment.
 *
 * <p>Files go to {@code -Dsynod.bench.dir} (default: the temp directory).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SegmentRollBenchmark {

    static final int SEGMENT_SIZE = 4 << 20;
    static final int RECORD_SIZE = 4000;

    @Param({"true", "false"})
    public boolean preallocate;

    private Path dir;
    private FileLogStore log;
    private byte[] data;
    private long startIndex;

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path base = Path.of(System.getProperty("synod.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(base, "synod-segment-roll");
        log = FileLogStore.open(dir.resolve("log"), StorageOptions.builder().syncPolicy(SyncPolicy.ALWAYS)
            .segmentSize(SEGMENT_SIZE).preallocateSegments(preallocate).build());
        data = new byte[RECORD_SIZE];
        ThreadLocalRandom.current().nextBytes(data);
        startIndex = log.lastIndex();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        long appended = log.lastIndex() - startIndex;
        long rolls = appended * (RECORD_SIZE + 32L) / SEGMENT_SIZE;
        System.out.printf("%n[preallocate=%s: %d appends, about %d rolls, %d took a prepared segment]%n",
            preallocate, appended, rolls, log.preparedSegmentsTaken());
        log.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public long appendAndSync() {
        long index = log.lastIndex() + 1;
        log.append(List.of(new LogEntry(index, 1, data)));
        log.sync();
        return index;
    }
}
