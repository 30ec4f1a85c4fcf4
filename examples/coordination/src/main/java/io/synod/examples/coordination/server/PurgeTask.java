package io.synod.examples.coordination.server;

import io.synod.storage.FileStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * ZooKeeper's autopurge timer: every {@code autopurge.purgeInterval} hours each running server's
 * storage applies its snapshot retention ({@link FileStorage#purge}). Off when the interval is 0;
 * the storage applies retention at every snapshot anyway.
 */
final class PurgeTask implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeTask.class);

    private final ScheduledExecutorService timer;

    private PurgeTask(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static PurgeTask start(Autopurge settings, List<FileStorage> storages) {
        if (settings.purgeIntervalHours() <= 0) {
            return new PurgeTask(null);
        }
        return every(Duration.ofHours(settings.purgeIntervalHours()), storages);
    }

    /** Purges {@code storages} every {@code interval}, the first time one interval from now. */
    static PurgeTask every(Duration interval, List<FileStorage> storages) {
        if (storages.isEmpty()) {
            return new PurgeTask(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "synod-coordination-purge");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            for (FileStorage storage : storages) {
                try {
                    int deleted = storage.purge();
                    LOG.info("Purged {}: {} snapshots deleted, the log starts at {}", storage.directory(), deleted,
                        storage.log().firstIndex());
                } catch (RuntimeException e) {
                    // A closed store (the server is stopping) or a disk error the replica will meet itself.
                    LOG.warn("Purge of {} failed: {}", storage.directory(), e.toString());
                }
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new PurgeTask(timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
