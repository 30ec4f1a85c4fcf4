package io.synod.examples.coordination.server;

import java.util.Properties;
import java.util.function.Consumer;

/**
 * ZooKeeper's autopurge settings. Synod's storage applies {@code snapRetainCount} whenever it
 * saves a snapshot (it keeps the newest N and drops the log segments wholly below the oldest
 * kept), so a data directory never grows without bound; {@code purgeIntervalHours > 0} also runs
 * that purge on a timer, as ZooKeeper's PurgeTask does, which matters for a directory a build with
 * a larger retention left fuller.
 *
 * @param snapRetainCount    snapshots kept, at least 3 (a smaller value is raised to 3 with a warning, as ZooKeeper does)
 * @param purgeIntervalHours hours between purges, 0 for none besides the purge at each snapshot
 */
public record Autopurge(int snapRetainCount, int purgeIntervalHours) {

    public static final int MIN_SNAP_RETAIN_COUNT = 3;

    public static Autopurge defaults() {
        return new Autopurge(MIN_SNAP_RETAIN_COUNT, 0);
    }

    /** @throws IllegalArgumentException naming the key, for a value that is not a number or is negative */
    static Autopurge parse(Properties p, Consumer<String> warnings) {
        int retain = ConfigValues.integer(p, "autopurge.snapRetainCount", MIN_SNAP_RETAIN_COUNT);
        if (retain < MIN_SNAP_RETAIN_COUNT) {
            warnings.accept("autopurge.snapRetainCount=" + retain + " is below " + MIN_SNAP_RETAIN_COUNT + "; keeping "
                + MIN_SNAP_RETAIN_COUNT + " snapshots");
            retain = MIN_SNAP_RETAIN_COUNT;
        }
        int hours = ConfigValues.integer(p, "autopurge.purgeInterval", 0);
        if (hours < 0) {
            throw new IllegalArgumentException("autopurge.purgeInterval=" + hours + ": hours, 0 or more (0: off)");
        }
        return new Autopurge(retain, hours);
    }
}
