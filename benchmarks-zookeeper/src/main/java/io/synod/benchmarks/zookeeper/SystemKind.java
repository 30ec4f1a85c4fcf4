package io.synod.benchmarks.zookeeper;

import java.util.ArrayList;
import java.util.List;

/**
 * A system under comparison: which main class runs one of its servers, and the zoo.cfg that server reads.
 * Both are configured as operators run them: fsync on every write, ZooKeeper's sample timing (tickTime
 * 2000, initLimit 10, syncLimit 5) for ZooKeeper and Synod's defaults for Synod.
 */
public enum SystemKind {

    SYNOD_ZAB("synod-zab", "io.synod.examples.coordination.server.CoordinationMain"),
    SYNOD_MULTI_PAXOS("synod-multi-paxos", "io.synod.examples.coordination.server.CoordinationMain"),
    ZOOKEEPER("zookeeper", "org.apache.zookeeper.server.quorum.QuorumPeerMain");

    private final String label;
    private final String mainClass;

    SystemKind(String label, String mainClass) {
        this.label = label;
        this.mainClass = mainClass;
    }

    public String label() {
        return label;
    }

    String mainClass() {
        return mainClass;
    }

    boolean isSynod() {
        return this != ZOOKEEPER;
    }

    /**
     * The zoo.cfg lines of server {@code id} (1-based) of an ensemble whose client, peer and election ports
     * are given per server; a single server gets no {@code server.N} lines (standalone).
     */
    List<String> config(int id, String dataDir, int[] clientPorts, int[] peerPorts, int[] electionPorts) {
        List<String> lines = new ArrayList<>();
        lines.add("tickTime=2000");
        lines.add("dataDir=" + dataDir);
        lines.add("clientPort=" + clientPorts[id - 1]);
        lines.add("clientPortAddress=127.0.0.1");
        if (isSynod()) {
            lines.add("protocol=" + (this == SYNOD_ZAB ? "zab" : "multi-paxos"));
            lines.add("secret=synod-vs-zookeeper");
            lines.add("myid=" + id);
        } else {
            lines.add("initLimit=10");
            lines.add("syncLimit=5");
            lines.add("forceSync=yes");
            lines.add("maxClientCnxns=0");
            lines.add("admin.enableServer=false");
            lines.add("4lw.commands.whitelist=srvr,ruok");
        }
        if (clientPorts.length > 1) {
            for (int i = 0; i < clientPorts.length; i++) {
                lines.add("server." + (i + 1) + "=127.0.0.1:" + peerPorts[i] + ":" + electionPorts[i]);
            }
        }
        return lines;
    }
}
