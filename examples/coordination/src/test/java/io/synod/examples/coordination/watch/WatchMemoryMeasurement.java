package io.synod.examples.coordination.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.server.watch.WatchManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Heap held per watch, ours beside Apache ZooKeeper's {@code WatchManager} holding the same
 * watches: a measurement, nothing asserted about its size. Run it with
 * {@code mvn -B -pl examples/coordination -am test -Dtest=WatchMemoryMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsynod.measureWatches=true}.
 */
@EnabledIfSystemProperty(named = "synod.measureWatches", matches = "true")
class WatchMemoryMeasurement {

    private static final int PATHS = 100_000;
    private static final int CONNECTIONS = 10;
    private static final int RUNS = 3;

    /** A stand-in for a connection: equality by identity, as a server's connection object. */
    static final class Conn implements Watcher {
        @Override
        public void process(WatchedEvent event) {
        }
    }

    @Test
    void bytesPerWatch() {
        Conn[] conns = new Conn[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            conns[i] = new Conn();
        }
        String[] paths = new String[PATHS];
        for (int p = 0; p < PATHS; p++) {
            paths[p] = "/app/service-" + (p / 1000) + "/member-" + p;
        }
        int watches = PATHS * CONNECTIONS;
        for (int run = 0; run < RUNS; run++) {
            long before = used();
            WatchTable<Conn> ours = new WatchTable<>();
            for (String path : paths) {
                for (Conn c : conns) {
                    ours.addDataWatch(path, c);
                }
            }
            long oursBytes = used() - before;
            assertEquals(watches, ours.size());
            ours = null;
            before = used();
            WatchManager theirs = new WatchManager();
            for (String path : paths) {
                for (Conn c : conns) {
                    theirs.addWatch(path, c);
                }
            }
            long theirBytes = used() - before;
            assertEquals(watches, theirs.size());
            theirs = null;
            System.out.printf("watch memory, run %d: %,d one-shot data watches on %,d paths x %d connections: "
                            + "WatchTable %d bytes/watch, ZooKeeper WatchManager %d bytes/watch%n",
                    run + 1, watches, PATHS, CONNECTIONS, oursBytes / watches, theirBytes / watches);
        }
    }

    private static long used() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
