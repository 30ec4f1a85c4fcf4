package io.synod.examples.coordination.ensemble;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three voting server processes and an observer, Curator clients (of all four) working throughout (a lock, sequential nodes, an atomic
 * counter, one ephemeral per session), and the leader killed with SIGKILL and restarted five times.
 * Afterwards, read through a fresh client after {@code sync}: every acknowledged create is there, the
 * counter is at least the number of acknowledged increments, the ephemerals of the sessions still
 * alive exist and belong to them, the lock never had two holders, and every client wrote again after
 * each failover. The time from each SIGKILL to the first successful write is printed, not asserted.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LeaderFailoverTest {

    private static final int CYCLES = 5;
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ProcessEnsemble.ZAB, ProcessEnsemble.MULTI_PAXOS})
    void leaderKilledAndRestartedFiveTimes(String protocol) throws Exception {
        try (ProcessEnsemble ensemble = ProcessEnsemble.start(dir, 3, 1, protocol);
             CuratorWorkload workload = CuratorWorkload.start(ensemble.connectString(), CLIENTS)) {
            List<Long> failoverMillis = FailoverCycles.run(ensemble, workload, CYCLES, protocol);
            workload.stop();
            System.out.printf("%s: %d lock acquisitions, %d acknowledged creates, %d acknowledged increments, "
                    + "failures seen by clients %s, SIGKILL-to-write ms %s%n", protocol, workload.lockAcquisitions(),
                workload.acknowledgedNodes().size(), workload.acknowledgedIncrements(), failures(workload), failoverMillis);

            assertEquals(1, workload.mostHolders(), "the lock had one holder at a time (and was taken)");
            assertTrue(workload.lockAcquisitions() > CYCLES, "the lock kept being taken");
            checkDurable(ensemble, workload);
        }
    }

    /** Reads through a fresh client after sync: nothing acknowledged is lost, live sessions keep their ephemerals. */
    private static void checkDurable(ProcessEnsemble ensemble, CuratorWorkload workload) throws Exception {
        try (CuratorFramework reader = CuratorWorkload.curator(ensemble.connectString())) {
            ZooKeeper zk = reader.getZookeeperClient().getZooKeeper();
            sync(zk, "/");
            Set<String> present = new HashSet<>();
            try {
                for (String child : zk.getChildren(CuratorWorkload.SEQUENCE, false)) {
                    present.add(CuratorWorkload.SEQUENCE + "/" + child);
                }
            } catch (KeeperException.NoNodeException e) {
                // Nothing survived: every acknowledged create is reported missing below.
            }
            Set<String> lost = new HashSet<>(workload.acknowledgedNodes());
            lost.removeAll(present);
            assertTrue(lost.isEmpty(), "acknowledged creates missing after the failovers: " + lost);
            assertTrue(!workload.acknowledgedNodes().isEmpty(), "creates were acknowledged");

            AtomicValue<Long> counter = new DistributedAtomicLong(reader, CuratorWorkload.COUNTER, new RetryNTimes(5, 100)).get();
            assertTrue(counter.succeeded(), "the counter could be read");
            assertTrue(counter.postValue() >= workload.acknowledgedIncrements(), "counter " + counter.postValue()
                + " below the " + workload.acknowledgedIncrements() + " acknowledged increments");
            assertTrue(counter.postValue() >= workload.greatestIncrement(), "counter " + counter.postValue()
                + " below a value an increment returned, " + workload.greatestIncrement());

            int alive = 0;
            for (CuratorWorkload.Client c : workload.clients()) {
                long session = c.curator.getZookeeperClient().getZooKeeper().getSessionId();
                if (c.lost.get() || session != c.sessionId) {
                    continue;   // its session expired: its ephemeral may rightly be gone
                }
                alive++;
                Stat stat;
                try {
                    stat = zk.exists(c.livePath(), false);
                } catch (KeeperException e) {
                    throw new AssertionError("reading " + c.livePath() + ": " + e, e);
                }
                assertTrue(stat != null, "the ephemeral " + c.livePath() + " of live session "
                    + Long.toHexString(session) + " is gone");
                assertEquals(session, stat.getEphemeralOwner(), c.livePath() + " belongs to its session");
            }
            assertEquals(CLIENTS, alive, "no session expired in failovers much shorter than its timeout");
        }
    }

    static void sync(ZooKeeper zk, String path) throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        zk.sync(path, (rc, p, ctx) -> done.complete(rc), null);
        int rc = done.get(60, TimeUnit.SECONDS);
        if (rc != KeeperException.Code.OK.intValue()) {
            throw KeeperException.create(KeeperException.Code.get(rc), path);
        }
    }

    private static List<Integer> failures(CuratorWorkload w) {
        List<Integer> f = new ArrayList<>();
        for (CuratorWorkload.Client c : w.clients()) {
            f.add(c.failures.get());
        }
        return f;
    }
}
