package io.synod.benchmarks.zookeeper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One ZooKeeper server as a process: started, killed, restarted on its data, and every incarnation stopped by PID. */
class EnsembleTest {

    @Test
    void aKilledServerRestartsOnItsDataAndCloseStopsEveryIncarnation(@TempDir Path dir) throws Exception {
        Ensemble e = Ensemble.start(SystemKind.ZOOKEEPER, 1, dir, System.getProperty("java.class.path"), "256m");
        try {
            assertTrue(Files.readString(dir.resolve("zoo-1.cfg")).contains("forceSync=yes"));
            assertEquals("standalone", FourLetterWord.mode(Integer.parseInt(e.connectString(1).split(":")[1])).orElse(""),
                "srvr is whitelisted and tells the mode");
            e.kill(1);
            ServerProcess p = e.restart(1);
            e.awaitRead(1, "/", Duration.ofMinutes(3));
            assertTrue(p.isAlive());
        } finally {
            e.close();
        }
        assertEquals(2, e.pids().size(), "the first server and its restart");
        for (long pid : e.pids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still runs");
        }
    }

    @Test
    void aSynodServerLeadsOnlyWhileItsLastLeadershipLineSaysSo() {
        assertTrue(Ensemble.leads("serving\nsynod-coordination server 2 is leader\n"));
        assertFalse(Ensemble.leads("synod-coordination server 2 is leader\nsynod-coordination server 2 is following\n"),
            "a leader that stepped down");
        assertFalse(Ensemble.leads("synod-coordination server 2 (zab) serving ZooKeeper clients on 127.0.0.1:1\n"));
    }
}
