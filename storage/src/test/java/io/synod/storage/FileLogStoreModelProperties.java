package io.synod.storage;

import io.synod.api.LogEntry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Model-based test: random sequences of appends, suffix truncations, prefix compactions, resets,
 * syncs and restarts against a list in memory. After every restart the file log must equal the
 * model, entry for entry. Tiny segments make every sequence cross segment boundaries.
 */
class FileLogStoreModelProperties {

    /**
     * Without forces: what the log holds after a clean reopen does not depend on them, and
     * thousands of fsyncs would only slow the search down. Forces are counted in
     * {@link FileLogStoreTest} and their effect on a crash is checked in {@link LogCrashStatesTest}.
     */
    private static final StorageOptions TINY = StorageOptions.builder().segmentSize(512).syncPolicy(SyncPolicy.NONE).build();

    sealed interface Op {
    }

    record Append(int count, long seed) implements Op {
    }

    /** Truncates at {@code first + fraction * (length + 1)}. */
    record TruncateSuffix(double fraction) implements Op {
    }

    /** Compacts through {@code first - 1 + steps}, which may pass the end. */
    record CompactPrefix(int steps) implements Op {
    }

    /** Resets to {@code last + delta}. */
    record Reset(int delta) implements Op {
    }

    record Sync() implements Op {
    }

    record Reopen() implements Op {
    }

    /** The model: a first index and the entries from there on. */
    static final class Model {
        long first = 1;
        final List<LogEntry> entries = new ArrayList<>();

        long last() {
            return first + entries.size() - 1;
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(1, 8), Arbitraries.longs())
            .as(Append::new);
        Arbitrary<Op> truncate = Arbitraries.doubles().between(0, 1).map(TruncateSuffix::new);
        Arbitrary<Op> compact = Arbitraries.integers().between(0, 12).map(CompactPrefix::new);
        Arbitrary<Op> reset = Arbitraries.integers().between(-6, 6).map(Reset::new);
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, append),
            net.jqwik.api.Tuple.of(2, truncate),
            net.jqwik.api.Tuple.of(2, compact),
            net.jqwik.api.Tuple.of(1, reset),
            net.jqwik.api.Tuple.of(2, Arbitraries.just(new Sync())),
            net.jqwik.api.Tuple.of(3, Arbitraries.just(new Reopen()))
        ).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 150)
    void fileLogEqualsTheModelAfterEveryReopen(@ForAll("operations") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("synod-log-model");
        Model model = new Model();
        FileLogStore log = FileLogStore.open(dir, TINY);
        try {
            for (Op op : ops) {
                log = apply(op, log, model, dir);
                assertEquals(model.first, log.firstIndex(), () -> "first index after " + op);
                assertEquals(model.last(), log.lastIndex(), () -> "last index after " + op);
            }
            log.close();
            log = FileLogStore.open(dir, TINY);
            assertSame(model, log);
        } finally {
            log.close();
            delete(dir);
        }
    }

    private static FileLogStore apply(Op op, FileLogStore log, Model model, Path dir) {
        if (op instanceof Append a) {
            Random random = new Random(a.seed());
            List<LogEntry> batch = new ArrayList<>();
            for (int i = 0; i < a.count(); i++) {
                byte[] data = new byte[random.nextInt(200)];
                random.nextBytes(data);
                batch.add(new LogEntry(model.last() + 1 + i, random.nextInt(5), data));
            }
            log.append(batch);
            model.entries.addAll(batch);
        } else if (op instanceof TruncateSuffix t) {
            long from = model.first + (long) (t.fraction() * (model.entries.size() + 1));
            log.truncateSuffix(from);
            int keep = (int) Math.max(0, Math.min(model.entries.size(), from - model.first));
            model.entries.subList(keep, model.entries.size()).clear();
        } else if (op instanceof CompactPrefix c) {
            long through = model.first - 1 + c.steps();
            log.compactPrefix(through);
            if (through >= model.first) {
                int drop = (int) Math.min(model.entries.size(), through - model.first + 1);
                model.entries.subList(0, drop).clear();
                model.first = through + 1;
            }
        } else if (op instanceof Reset r) {
            long index = Math.max(0, model.last() + r.delta());
            log.reset(index);
            model.entries.clear();
            model.first = index + 1;
        } else if (op instanceof Sync) {
            log.sync();
        } else if (op instanceof Reopen) {
            log.close();
            log = FileLogStore.open(dir, TINY);
            assertSame(model, log);
        }
        return log;
    }

    private static void assertSame(Model model, FileLogStore log) {
        assertEquals(model.first, log.firstIndex(), "first index after reopen");
        assertEquals(model.last(), log.lastIndex(), "last index after reopen");
        assertEquals(model.entries, log.entries(model.first, model.last() + 1), "entries after reopen");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
