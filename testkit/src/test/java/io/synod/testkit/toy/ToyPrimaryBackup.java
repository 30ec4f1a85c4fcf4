package io.synod.testkit.toy;

import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.spi.MessageCodec;

/**
 * A test-only replication scheme used to test the simulator itself. <b>It is not consensus.</b>
 *
 * <p>{@link #correct()} is primary-backup with a fixed primary (the lowest member): the primary
 * appends a command to its log, replicates it and commits it once a majority (itself included)
 * holds it durably; there is no leader change, so it is safe but stalls while the primary is down.
 *
 * <p>The broken variants are what the simulator must catch: {@link #acksAfterOneReplica()}
 * commits as soon as the primary alone holds an entry and lets a backup take over (with a higher
 * term, without any vote or log comparison) when the primary has been silent;
 * {@link #noQuorumFailover()} waits for a majority but takes over the same careless way;
 * {@link #staleBackupReads()} replicates safely but lets backups answer reads from their own,
 * possibly lagging, state — only the linearizability checker can see that;
 * {@link #forgetsObservers()} replicates only to the voters, so observers never learn the log.
 *
 * <p>Observers ({@code ProtocolContext.observers()}) receive the primary's appends like backups
 * but never count toward a majority and never take over.
 */
public final class ToyPrimaryBackup implements Protocol {

    private final String name;
    private final boolean majority;
    private final boolean failover;
    private final boolean staleReads;
    private final boolean observersLearn;
    private final ToyCore.Vouch vouch;

    private ToyPrimaryBackup(String name, boolean majority, boolean failover, boolean staleReads) {
        this(name, majority, failover, staleReads, true, ToyCore.Vouch.NONE);
    }

    private ToyPrimaryBackup(String name, boolean majority, boolean failover, boolean staleReads, boolean observersLearn,
                             ToyCore.Vouch vouch) {
        this.name = name;
        this.majority = majority;
        this.failover = failover;
        this.staleReads = staleReads;
        this.observersLearn = observersLearn;
        this.vouch = vouch;
    }

    /**
     * The correct scheme whose hard state also vouches for the log it holds (as ZAB's currentEpoch
     * does), stored after the log ({@code Effects.persistHardStateAfterLog}): the control for
     * {@link #vouchesBeforeLog()}.
     */
    public static ToyPrimaryBackup vouchesAfterLog() {
        return new ToyPrimaryBackup("toy-vouches-after-log", true, false, false, true, ToyCore.Vouch.AFTER_LOG);
    }

    /** Broken: the hard state vouches for the log but is stored before it (ZOOKEEPER-4643's bug). */
    public static ToyPrimaryBackup vouchesBeforeLog() {
        return new ToyPrimaryBackup("toy-vouches-before-log", true, false, false, true, ToyCore.Vouch.BEFORE_LOG);
    }

    /** Safe fixed-primary replication with majority acknowledgement. */
    public static ToyPrimaryBackup correct() {
        return new ToyPrimaryBackup("toy-primary-backup", true, false, false);
    }

    /** Broken: commits on the primary's own write; a backup takes over when the primary is silent. */
    public static ToyPrimaryBackup acksAfterOneReplica() {
        return new ToyPrimaryBackup("toy-acks-after-one", false, true, false);
    }

    /** Broken: majority acknowledgement, but a backup takes over without a quorum's vote. */
    public static ToyPrimaryBackup noQuorumFailover() {
        return new ToyPrimaryBackup("toy-no-quorum-failover", true, true, false);
    }

    /** Broken: safe writes, but a backup serves ReadIndex reads at its own (lagging) commit index. */
    public static ToyPrimaryBackup staleBackupReads() {
        return new ToyPrimaryBackup("toy-stale-backup-reads", true, false, true);
    }

    /** Broken: safe, but the primary replicates to the voters only, so observers learn nothing. */
    public static ToyPrimaryBackup forgetsObservers() {
        return new ToyPrimaryBackup("toy-forgets-observers", true, false, false, false, ToyCore.Vouch.NONE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProtocolCore create(ProtocolContext context) {
        return new ToyCore(context, majority, failover, staleReads, observersLearn, vouch);
    }

    @Override
    public MessageCodec codec() {
        throw new UnsupportedOperationException(name + " only runs in the simulator, which passes records");
    }
}
