package io.synod.examples.coordination.server;

import io.synod.quorum.QuorumSystem;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the servers of a cluster agree: who votes, who only observes, how votes are weighed and
 * grouped, and the protocol's timing.
 *
 * <p><b>Timing.</b> Synod's protocols count ticks of {@code protocolTickMillis} (50 ms), not
 * ZooKeeper's {@code tickTime} (2 s, which here only sets the session timeout bounds): a cluster
 * notices a dead leader by silence counted in ticks, and counting ZooKeeper's 2 s ticks would make
 * every failover forty times slower. {@code initLimit} and {@code syncLimit} therefore count
 * protocol ticks: ZAB takes both as they are (discovery and synchronisation within initLimit, a
 * leader and a follower give up on each other after syncLimit silent ticks); Multi-Paxos has no
 * initLimit and starts an election after {@code 2 × syncLimit} silent ticks (10 for the sample's 5,
 * its own default).
 *
 * <p><b>Quorums.</b> {@code group.G=1:2:3} lines make ZooKeeper's hierarchical quorums (every voter
 * in exactly one group; {@code weight.N} weighs a voter within its group, 1 if unset, 0 keeps it
 * out of every count); {@code weight.N} lines without groups make a weighted majority (ZooKeeper
 * ignores weights without groups; Synod honours them). Neither: a plain majority of the voters.
 *
 * @param initLimit          ticks (ZAB's discovery and synchronisation bound)
 * @param syncLimit          ticks (how long leader and follower stay in touch without a word)
 * @param protocolTickMillis the protocol's tick
 * @param observers          server ids marked {@code :observer}
 * @param weights            {@code weight.N}, by server id
 * @param groups             {@code group.G}, by group id
 */
public record Ensemble(int initLimit, int syncLimit, int protocolTickMillis, Set<Integer> observers,
                       Map<Integer, Long> weights, Map<Integer, int[]> groups) {

    /** ZooKeeper's sample values, counted in protocol ticks. */
    public static final int DEFAULT_INIT_LIMIT = 10;
    public static final int DEFAULT_SYNC_LIMIT = 5;
    public static final int DEFAULT_PROTOCOL_TICK_MILLIS = 50;

    public Ensemble {
        observers = Set.copyOf(observers);
        weights = Map.copyOf(weights);
        groups = Map.copyOf(groups);
    }

    /** One server, no observers, majority quorums, the default timing. */
    public static Ensemble standalone() {
        return new Ensemble(DEFAULT_INIT_LIMIT, DEFAULT_SYNC_LIMIT, DEFAULT_PROTOCOL_TICK_MILLIS, Set.of(), Map.of(), Map.of());
    }

    /**
     * Reads initLimit, syncLimit, protocolTickMillis, weight.N and group.G and checks them against
     * the {@code server.N} lines.
     *
     * @throws IllegalArgumentException naming the key and the reason
     */
    static Ensemble parse(Properties p, Map<Integer, ServerLine> lines) {
        int init = ConfigValues.positive(p, "initLimit", DEFAULT_INIT_LIMIT);
        int sync = ConfigValues.positive(p, "syncLimit", DEFAULT_SYNC_LIMIT);
        if (sync < 2) {
            throw new IllegalArgumentException("syncLimit=" + sync + ": must be at least 2 (ticks)");
        }
        if (init < sync) {
            throw new IllegalArgumentException("initLimit=" + init + ": must be at least syncLimit (" + sync + ")");
        }
        int tick = ConfigValues.positive(p, "protocolTickMillis", DEFAULT_PROTOCOL_TICK_MILLIS);
        Set<Integer> observers = new TreeSet<>();
        for (ServerLine line : lines.values()) {
            if (line.observer()) {
                observers.add(line.id());
            }
        }
        Map<Integer, Long> weights = new TreeMap<>();
        Map<Integer, int[]> groups = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("weight.")) {
                int id = idAfter(key, "weight.");
                known(key, id, lines);
                if (observers.contains(id)) {
                    throw new IllegalArgumentException(key + ": server " + id + " is an observer and has no vote to weigh");
                }
                long w;
                try {
                    w = Long.parseLong(p.getProperty(key).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + "=" + p.getProperty(key).trim() + " is not a number");
                }
                if (w < 0) {
                    throw new IllegalArgumentException(key + "=" + w + ": a weight is 0 or more");
                }
                weights.put(id, w);
            } else if (key.startsWith("group.")) {
                int gid = idAfter(key, "group.");
                String[] ids = p.getProperty(key).trim().split(":");
                int[] members = new int[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    try {
                        members[i] = Integer.parseInt(ids[i].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(key + "=" + p.getProperty(key).trim()
                            + ": expected server ids separated by ':'");
                    }
                    known(key, members[i], lines);
                    if (observers.contains(members[i])) {
                        throw new IllegalArgumentException(key + ": server " + members[i] + " is an observer; groups hold voters");
                    }
                }
                groups.put(gid, members);
            }
        }
        Ensemble e = new Ensemble(init, sync, tick, observers, weights, groups);
        if (!lines.isEmpty()) {
            e.checkGroups(lines);
            if (e.voters(lines.keySet()).length == 0) {
                throw new IllegalArgumentException("every server.N line is an observer: a cluster needs a voter");
            }
            e.quorumSystem(lines.keySet());
        }
        return e;
    }

    /** The voting members among {@code servers}, ascending. */
    public int[] voters(Set<Integer> servers) {
        return servers.stream().filter(id -> !observers.contains(id)).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The non-voting members among {@code servers}, ascending. */
    public int[] observerIds(Set<Integer> servers) {
        return servers.stream().filter(observers::contains).mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * The quorum system the voters among {@code servers} use, empty for a plain majority.
     *
     * @throws IllegalArgumentException naming group.* or weight.* when the quorum module refuses them
     */
    public Optional<QuorumSystem> quorumSystem(Set<Integer> servers) {
        int[] voters = voters(servers);
        try {
            if (!groups.isEmpty()) {
                Map<Integer, Long> w = new HashMap<>();
                for (int v : voters) {
                    w.put(v, weights.getOrDefault(v, 1L));
                }
                return Optional.of(QuorumSystem.hierarchical(w, groups.values().toArray(int[][]::new)));
            }
            if (!weights.isEmpty()) {
                Map<Integer, Long> w = new HashMap<>();
                for (int v : voters) {
                    w.put(v, weights.getOrDefault(v, 1L));
                }
                return Optional.of(QuorumSystem.weighted(w));
            }
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException((groups.isEmpty() ? "weight.*" : "group.*/weight.*") + ": " + ex.getMessage(), ex);
        }
        return Optional.empty();
    }

    private void checkGroups(Map<Integer, ServerLine> lines) {
        if (groups.isEmpty()) {
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (Map.Entry<Integer, int[]> g : groups.entrySet()) {
            for (int id : g.getValue()) {
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("group." + g.getKey() + ": server " + id + " is in more than one group");
                }
            }
        }
        int[] voters = voters(lines.keySet());
        for (int v : voters) {
            if (!seen.contains(v)) {
                throw new IllegalArgumentException("group.*: server " + v + " is in no group; with groups, every voter needs one "
                    + "(groups " + groupsText() + ")");
            }
        }
    }

    private String groupsText() {
        StringBuilder b = new StringBuilder();
        groups.forEach((id, m) -> b.append(b.length() == 0 ? "" : ", ").append(id).append('=').append(Arrays.toString(m)));
        return b.toString();
    }

    private static int idAfter(String key, String prefix) {
        try {
            return Integer.parseInt(key.substring(prefix.length()).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": the id after '" + prefix + "' must be a number");
        }
    }

    private static void known(String key, int id, Map<Integer, ServerLine> lines) {
        if (!lines.containsKey(id)) {
            throw new IllegalArgumentException(key + ": server " + id + " has no server." + id + " line");
        }
    }
}
