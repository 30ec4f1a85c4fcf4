package io.synod.runtime;

import io.synod.api.ProtocolCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * The replica's side of divergence detection: it orders this replica's {@link DigestReport} at
 * each checkpoint through the log (again, until the log has it, through {@link OwnDigestReports}),
 * and hands every report the log orders to the {@link DivergenceCheck}, acting on its verdict. It
 * exists so that the duty cycle holds one call per step of it, not the bookkeeping between
 * checkpoints, reports and verdicts.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread; its counts are read by any.
 */
final class DigestAudit {

    /** Logged under the replica agent's name, which operators' log settings for the replica cover. */
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaAgent.class);

    private final int self;
    private final ProtocolCore core;
    private final ReplicatedState state;
    private final DivergenceCheck divergence;
    private final OwnDigestReports ownReports;
    private final boolean member;
    /** Bound once, so that a tick's retries allocate nothing. */
    private final LongPredicate kept;
    private final LongConsumer propose;

    private long lastReportedDigest;
    // Written by the replica thread only; read by any.
    private volatile long digestsCompared;
    private volatile long divergences;

    DigestAudit(int self, int[] members, ProtocolCore core, ReplicatedState state, long retryTicks) {
        this.self = self;
        this.core = core;
        this.state = state;
        this.divergence = new DivergenceCheck(self, members);
        this.ownReports = new OwnDigestReports(retryTicks);
        this.member = Arrays.stream(members).anyMatch(m -> m == self);
        this.kept = state::hasDigestAt;
        this.propose = this::proposeDigest;
        this.lastReportedDigest = state.appliedIndex();
    }

    /** Proposes again this replica's reports the log has not ordered for a while. */
    void retry(long ticks) {
        ownReports.retry(ticks, kept, propose);
    }

    /** Orders this replica's digest at the newest checkpoint through the log, once per checkpoint. */
    void reportDigest(long ticks) {
        long every = state.digestEvery();
        long checkpoint = state.appliedIndex() / every * every;
        if (checkpoint > lastReportedDigest && state.hasDigestAt(checkpoint)) {
            lastReportedDigest = checkpoint;
            if (member) {
                ownReports.proposed(checkpoint, ticks);
                proposeDigest(checkpoint);
            }
        }
    }

    /** A snapshot through {@code index} was installed: no digest below it is this replica's to report. */
    void snapshotInstalled(long index) {
        lastReportedDigest = Math.max(lastReportedDigest, index);
    }

    private void proposeDigest(long checkpoint) {
        core.propose(new DigestReport(self, checkpoint, state.digestAt(checkpoint)).toCommand());
    }

    /** A report the log ordered; throws {@link ReplicaDivergedException} if it shows this replica diverged. */
    void onDigestReport(int node, long index, long digest) {
        if (!state.hasDigestAt(index)) {
            return;
        }
        DivergenceCheck.Finding finding;
        if (node == self) {
            ownReports.ordered(index);
            finding = divergence.onOwnReport(index, state.digestAt(index));
        } else {
            digestsCompared++;
            finding = divergence.onReport(node, index, digest, state.digestAt(index));
        }
        if (finding == null) {
            return;
        }
        divergences++;
        switch (finding.kind()) {
            case SELF_DIVERGED -> throw new ReplicaDivergedException(finding.description());
            case PEER_DIVERGED -> LOG.error("replica {}: {}", self, finding.description());
            case DISAGREEMENT -> LOG.warn("replica {}: {}", self, finding.description());
        }
    }

    long digestsCompared() {
        return digestsCompared;
    }

    long divergences() {
        return divergences;
    }
}
