package io.synod.testkit;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * The safety checks every protocol gets for free, applied to each entry a node commits:
 * <em>agreement</em> (no two nodes commit different data at one index) and <em>validity</em>
 * (every command in a committed entry was proposed by a client; entries of no command are
 * allowed no-ops). The third generic check, gap-free order per node, lives in {@link SimNode}
 * because it depends on the node's incarnation.
 */
final class CommitOracle {

    /** A generic check that an entry broke, and how. */
    record Breach(String check, String detail) {
    }

    private final HashMap<Long, LogEntry> chosen = new HashMap<>();
    private final HashMap<Long, HashMap<Long, byte[]>> proposed = new HashMap<>();
    private long highest;

    /** Notes a command some client proposed. */
    void proposed(Command c) {
        proposed.computeIfAbsent(c.clientId(), id -> new HashMap<>()).put(c.sequence(), c.payload());
    }

    LogEntry chosen(long index) {
        return chosen.get(index);
    }

    long highest() {
        return highest;
    }

    /** Checks an entry node {@code node} commits; returns the broken check and what is wrong, or null. */
    Breach onCommit(int node, LogEntry e) {
        LogEntry first = chosen.putIfAbsent(e.index(), e);
        if (first != null) {
            if (first != e && !Arrays.equals(first.data(), e.data())) {
                return new Breach(Checks.AGREEMENT, "index " + e.index() + ": node " + node + " committed " + e
                    + " but " + first + " was committed before with different data");
            }
            return null;
        }
        highest = Math.max(highest, e.index());
        return validity(node, e);
    }

    private Breach validity(int node, LogEntry e) {
        List<Command> commands;
        try {
            commands = CommandBatch.decode(e.data());
        } catch (IllegalArgumentException bad) {
            return new Breach(Checks.VALIDITY, "node " + node + " committed entry " + e.index()
                + " that is not a command batch: " + bad.getMessage());
        }
        for (Command c : commands) {
            HashMap<Long, byte[]> ofClient = proposed.get(c.clientId());
            byte[] payload = ofClient == null ? null : ofClient.get(c.sequence());
            if (payload == null) {
                return new Breach(Checks.VALIDITY, "node " + node + " committed " + c + " at index " + e.index()
                    + ", which no client proposed");
            }
            if (!Arrays.equals(payload, c.payload())) {
                return new Breach(Checks.VALIDITY, "node " + node + " committed " + c + " at index " + e.index()
                    + " with a payload different from the one proposed");
            }
        }
        return null;
    }
}
