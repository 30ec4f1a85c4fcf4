package io.synod.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Opens a log directory after a clean stop or a crash. In order:
 * <ol>
 *   <li>remove temporary files (a segment or meta file whose creation was interrupted);</li>
 *   <li>finish a truncation a crash interrupted ({@link LogMeta#truncateFrom()}): delete the
 *       segments that start above its index, and take no record from its index on;</li>
 *   <li>scan every segment and judge what follows the last good record ({@link SegmentScan}):
 *       a torn write in the last segment is zeroed, with a WARN naming file and offset; a
 *       suspect tail is recorded in {@link LogMeta} first, then zeroed, with an ERROR naming file,
 *       offset and index; corruption refuses the open with a {@link CorruptLogException};</li>
 *   <li>check that the segments continue one another without gap or overlap;</li>
 *   <li>finish an interrupted compaction: delete segments wholly below the first index kept in
 *       {@link LogMeta}; create an empty segment when none is left;</li>
 *   <li>force the last segment, so that what the log now holds is durable before a new record
 *       claims it is (the {@code synced} watermark of {@link RecordLayout}).</li>
 * </ol>
 * Never loads a silently shortened log: the only bytes dropped without a durable report are a
 * write that never completed.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** What the log resumes from. */
    record Opened(LogMeta meta, TreeMap<Long, Segment> segments) {
    }

    private Recovery() {
    }

    static Opened open(Path dir, StorageOptions options, FileIo io) {
        boolean durable = options.syncPolicy() == SyncPolicy.ALWAYS;
        removeTemporaryFiles(dir);
        LogMeta meta = LogMeta.read(dir);
        long firstIndex = meta.firstIndex();
        long cut = meta.truncateFrom() == 0 ? 0 : Math.max(meta.truncateFrom(), firstIndex);
        List<Path> files = segmentFiles(dir);
        if (cut > 0) {
            files = dropSegmentsAbove(files, cut);
        }
        List<SegmentScan> scans = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            SegmentScan scan = SegmentScan.scan(files.get(i), i == files.size() - 1, cut);
            check(scan, scans.isEmpty() ? null : scans.get(scans.size() - 1));
            scans.add(scan);
        }
        TreeMap<Long, Segment> segments = new TreeMap<>();
        try {
            for (SegmentScan scan : scans) {
                meta = recordLoss(dir, scan, meta, durable);
                if (scan.nextIndex() <= firstIndex && scan.baseIndex() < firstIndex) {
                    LOG.info("Deleting {}: all its records lie below the log's first index {}", scan.file(), firstIndex);
                    Files.delete(scan.file());
                    continue;
                }
                Segment segment = Segment.open(scan, io);
                segments.put(segment.baseIndex(), segment);
                if (scan.damage() instanceof SegmentScan.TornTail torn) {
                    LOG.warn("Truncating the log's torn tail: {} from offset {} ({} bytes, {}); it was never synced; index {} is the last good one",
                        scan.file(), torn.offset(), torn.dirtyEnd() - torn.offset(), torn.problem(), scan.nextIndex() - 1);
                    segment.zeroRange(torn.offset(), torn.dirtyEnd());
                } else if (scan.damage() instanceof SegmentScan.SuspectTail suspect) {
                    segment.zeroRange(suspect.offset(), suspect.dirtyEnd());
                } else if (scan.damage() instanceof SegmentScan.Truncating truncating) {
                    LOG.info("Finishing a truncation the last run left unsynced: {} from offset {} (index {} on)",
                        scan.file(), truncating.offset(), truncating.fromIndex());
                    segment.zeroRange(truncating.offset(), truncating.dirtyEnd());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            segments.values().forEach(Segment::close);
            throw e instanceof UncheckedIOException u ? u : new UncheckedIOException("cannot recover log in " + dir, (IOException) e);
        }
        if (segments.isEmpty()) {
            segments.put(firstIndex, Segment.create(dir, firstIndex, options.segmentSize(), durable, io));
        } else if (segments.firstKey() > firstIndex) {
            Segment first = segments.firstEntry().getValue();
            segments.values().forEach(Segment::close);
            throw new CorruptLogException(first.file(), SegmentHeader.BASE_INDEX_OFFSET, CorruptLogException.Check.INDEX,
                "log starts after the first index recorded in " + LogMeta.FILE_NAME + "; a segment is missing", firstIndex, first.baseIndex());
        }
        if (durable) {
            try {
                segments.lastEntry().getValue().force();
            } catch (IOException e) {
                segments.values().forEach(Segment::close);
                throw new UncheckedIOException("cannot force the log in " + dir, e);
            }
            AtomicFile.syncDirectory(dir);
        }
        if (meta.truncateFrom() != 0) {
            // Only now that the zeros above are durable may the log forget the truncation.
            meta = meta.truncated();
            meta.write(dir, durable);
        }
        return new Opened(meta, segments);
    }

    /** Deletes the segments a truncation from {@code cut} dropped whole; returns the others. */
    private static List<Path> dropSegmentsAbove(List<Path> files, long cut) {
        List<Path> kept = new ArrayList<>();
        for (Path file : files) {
            if (Segment.baseIndexOf(file) > cut) {
                LOG.info("Deleting {}: a truncation from index {} dropped it before the last run stopped", file, cut);
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + file, e);
                }
            } else {
                kept.add(file);
            }
        }
        return kept;
    }

    /**
     * Records in the meta file, before the damaged bytes are zeroed, the indexes a suspect tail
     * may have held (those at or above the first index).
     */
    private static LogMeta recordLoss(Path dir, SegmentScan scan, LogMeta meta, boolean durable) {
        if (!(scan.damage() instanceof SegmentScan.SuspectTail suspect)) {
            return meta;
        }
        long from = Math.max(suspect.fromIndex(), meta.firstIndex());
        long through = suspect.throughIndex();
        int offset = suspect.offset();
        String problem = suspect.problem();
        if (through < from) {
            return meta;
        }
        LOG.error("Dropping the log's damaged last record: {} at offset {} ({}); index {} (and up to index {}) may have been synced and"
                + " acknowledged, so the node must re-learn from index {} from its peers before it votes again",
            scan.file(), offset, problem, from, through, from);
        LogMeta marked = meta.withSuspect(from, through);
        marked.write(dir, durable);
        return marked;
    }

    /** Refuses corruption, a header that disagrees with the file name, and gaps between segments. */
    static void check(SegmentScan scan, SegmentScan previous) {
        if (scan.damage() instanceof SegmentScan.Corruption corruption) {
            throw corruption.error();
        }
        long named = Segment.baseIndexOf(scan.file());
        if (scan.baseIndex() != named) {
            throw new CorruptLogException(scan.file(), SegmentHeader.BASE_INDEX_OFFSET, CorruptLogException.Check.INDEX,
                "segment header names another base index than the file name", named, scan.baseIndex());
        }
        if (previous != null && scan.baseIndex() != previous.nextIndex()) {
            throw new CorruptLogException(scan.file(), SegmentHeader.BASE_INDEX_OFFSET, CorruptLogException.Check.INDEX,
                "segment does not continue " + previous.file().getFileName() + " (gap or overlap)", previous.nextIndex(), scan.baseIndex());
        }
    }

    /** The segment files of {@code dir}, oldest first. */
    static List<Path> segmentFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Segment.isSegmentName(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void removeTemporaryFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path temp : files.filter(f -> f.getFileName().toString().endsWith(AtomicFile.TEMP_SUFFIX)).toList()) {
                LOG.info("Deleting {}: left by an interrupted write", temp);
                Files.delete(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }
}
