package io.synod.paxos.multi;

import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.role.Learner;

/**
 * The learner: knows the highest slot below which every slot is chosen and this replica holds the
 * chosen value, and hands those entries to the state machine in slot order. After a restart it
 * starts at the snapshot and hands out again whatever it learns is chosen above it.
 */
final class MultiLearner implements Learner {

    private final PaxosLog log;
    private final Effects effects;
    private long commit;

    MultiLearner(PaxosLog log, Effects effects) {
        this.log = log;
        this.effects = effects;
        this.commit = log.snapshotIndex();
    }

    @Override
    public long chosenIndex() {
        return commit;
    }

    /** Every slot up to {@code slot} is chosen and this log holds the chosen values: apply them. */
    void commitThrough(long slot) {
        long target = Math.min(slot, log.lastIndex());
        while (commit < target) {
            commit++;
            effects.commit(log.entry(commit));
        }
    }

    /** A snapshot up to {@code slot} was installed: the state machine holds it already. */
    void installed(long slot) {
        commit = Math.max(commit, slot);
    }

    @Override
    public boolean onMessage(Envelope envelope, Effects effects) {
        return false;
    }
}
