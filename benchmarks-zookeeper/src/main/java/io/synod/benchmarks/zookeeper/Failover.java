package io.synod.benchmarks.zookeeper;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Time from SIGKILL of the leader to the first successful write: a session connected to the other servers
 * only writes one znode again and again (a failed attempt is retried at once) until a write is acknowledged;
 * then the killed server is restarted and awaited so the next cycle starts from a full ensemble.
 * Where the leader cannot be told, cycle {@code c} kills server {@code c mod n + 1}: over n cycles one of
 * them is a leader, and the sample says the victim's role was unknown.
 */
final class Failover {

    private static final String PATH = AsyncLoad.ROOT + "/failover";
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final long RETRY_PAUSE_MILLIS = 2;

    /** One cycle: the server killed, whether it was known to lead, and the time to the first write after. */
    record Sample(int killed, boolean leaderKnown, double millis) {
    }

    private Failover() {
    }

    static Sample once(Ensemble e, int cycle) {
        Optional<Integer> leader = e.leader();
        int victim = leader.orElse(cycle % e.size() + 1);
        long deadline = System.nanoTime() + BOUND.toNanos();
        ZooKeeper zk = null;
        try {
            zk = Sessions.open(e.connectStringWithout(victim), deadline);
            try {
                zk.create(PATH, new byte[8], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException ignored) {
                // an earlier cycle made it
            }
            zk.setData(PATH, new byte[8], -1);
            long killed = e.kill(victim);
            long written = writeUntilAcknowledged(zk, deadline);
            Sample s = new Sample(victim, leader.isPresent(), (written - killed) / 1e6);
            e.restart(victim);
            e.awaitRead(victim, PATH, BOUND);
            return s;
        } catch (IOException | KeeperException ex) {
            throw new IllegalStateException("failover cycle " + cycle + " of " + e.kind().label() + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } finally {
            Sessions.close(zk);
        }
    }

    private static long writeUntilAcknowledged(ZooKeeper zk, long deadline) throws InterruptedException {
        KeeperException last = null;
        while (System.nanoTime() < deadline) {
            try {
                zk.setData(PATH, new byte[8], -1);
                return System.nanoTime();
            } catch (KeeperException.SessionExpiredException ex) {
                throw new IllegalStateException("the session expired during the failover", ex);
            } catch (KeeperException ex) {
                last = ex;
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
        throw new IllegalStateException("no write acknowledged within " + BOUND + " of the kill", last);
    }
}
