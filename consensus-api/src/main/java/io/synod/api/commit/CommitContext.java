package io.synod.api.commit;

import io.synod.api.LogEntry;
import io.synod.api.ProtocolContext;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a node's commit core is built from.
 *
 * @param self      this node's id
 * @param nodes     every node that may coordinate or take part (a transaction names its own
 *                  participants among them; a termination protocol or Paxos Commit's acceptors
 *                  need to know them all); this node is one
 * @param random    the core's only source of randomness (termination backoff); seeded by the
 *                  simulator, from entropy by a driver
 * @param hardState the durable state last stored, or an empty array
 * @param records   the record log as it survived, in index order (it may start above 1 after
 *                  releases): the prepared, decided and acknowledged records the core recovers from
 */
public record CommitContext(int self, int[] nodes, RandomGenerator random, byte[] hardState, List<LogEntry> records) {

    public CommitContext {
        nodes = nodes.clone();
        ProtocolContext.checkMembership(self, nodes, new int[0]);
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(hardState, "hardState (empty if none)");
        records = List.copyOf(records);
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).index() != records.get(i - 1).index() + 1) {
                throw new IllegalArgumentException("records must be contiguous: " + records.get(i).index() + " follows "
                    + records.get(i - 1).index());
            }
        }
    }

    @Override
    public int[] nodes() {
        return nodes.clone();
    }

    /** The index of the last surviving record, 0 if none: where {@link CommitEffects} numbers on from. */
    public long lastRecord() {
        return records.isEmpty() ? 0 : records.get(records.size() - 1).index();
    }
}
