package io.synod.benchmarks.group;

import io.synod.runtime.Replica;

/**
 * What a {@link ReplicaGroup} did since a starting point: messages sent by all replicas, commands
 * and log entries applied at one replica, log fsyncs of all replicas, messages the transports
 * dropped, leader changes and campaigns. A benchmark takes one per iteration and reads it every
 * few thousand operations (each read is a few volatile loads per replica).
 */
public final class GroupCounts {

    private final ReplicaGroup group;
    private final Replica at;
    private final long messages0;
    private final long commands0;
    private final long entries0;
    private final long fsyncs0;
    private final long dropped0;
    private final long changes0;
    private final long rounds0;

    /** Counts from now on, commands and entries as {@code at} applies them. */
    public GroupCounts(ReplicaGroup group, Replica at) {
        this.group = group;
        this.at = at;
        messages0 = group.messagesSent();
        commands0 = group.commandsApplied(at);
        entries0 = group.entriesApplied(at);
        fsyncs0 = group.fsyncs();
        dropped0 = group.dropped();
        changes0 = group.leaderChanges();
        rounds0 = group.ballotRounds();
    }

    public long messages() {
        return group.messagesSent() - messages0;
    }

    public long commands() {
        return group.commandsApplied(at) - commands0;
    }

    public long entries() {
        return group.entriesApplied(at) - entries0;
    }

    public long fsyncs() {
        return group.fsyncs() - fsyncs0;
    }

    public long dropped() {
        return group.dropped() - dropped0;
    }

    public long leaderChanges() {
        return group.leaderChanges() - changes0;
    }

    public long ballotRounds() {
        return group.ballotRounds() - rounds0;
    }

    /** One line: the costs per command applied, and how often leadership moved. */
    public String perCommand() {
        long commands = commands();
        return String.format(java.util.Locale.ROOT,
            "%d commands applied: %.3f messages, %.4f entries, %.4f fsyncs per command; %d dropped; %d leader changes, %d campaigns",
            commands, messages() / (double) commands, entries() / (double) commands, fsyncs() / (double) commands,
            dropped(), leaderChanges(), ballotRounds());
    }
}
