package io.synod.benchmarks.compare;

import io.synod.api.Protocol;
import io.synod.api.commit.CommitProtocol;
import io.synod.paxos.basic.BasicPaxos;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.threephase.ThreePhaseCommit;
import io.synod.twophase.TwoPhaseCommit;
import io.synod.twophase.paxoscommit.PaxosCommit;
import io.synod.zab.Zab;

import java.util.List;

/** The protocols compared, by the names reports use, each with its defaults but for batching. */
public final class Protocols {

    /** The log protocols, in report order. */
    public static final List<String> LOG = List.of("basic-paxos", "multi-paxos", "zab");
    /** The atomic commit protocols, in report order. */
    public static final List<String> COMMIT = List.of("2pc", "3pc", "paxos-commit");

    private Protocols() {
    }

    /** True for a name in {@link #COMMIT}. */
    public static boolean isCommit(String name) {
        return COMMIT.contains(name);
    }

    /** A log protocol; {@code maxBatch} 1 turns batching off. */
    public static Protocol log(String name, int maxBatch) {
        return switch (name) {
            case "basic-paxos" -> BasicPaxos.builder().maxBatch(maxBatch).build();
            case "multi-paxos" -> MultiPaxos.builder().maxBatch(maxBatch).build();
            case "zab" -> Zab.builder().maxBatch(maxBatch).build();
            default -> throw new IllegalArgumentException("unknown log protocol " + name + "; known: " + LOG);
        };
    }

    /** An atomic commit protocol. */
    public static CommitProtocol commit(String name) {
        return switch (name) {
            case "2pc" -> TwoPhaseCommit.defaults();
            case "3pc" -> ThreePhaseCommit.defaults();
            case "paxos-commit" -> PaxosCommit.defaults();
            default -> throw new IllegalArgumentException("unknown commit protocol " + name + "; known: " + COMMIT);
        };
    }

    /** The steady-state cost of one operation, counted in lockstep over {@code measured} operations after a warm-up. */
    public static List<OperationCost> count(String name, int n, int measured) {
        return isCommit(name)
            ? new LockstepCommit(commit(name), n, 1).measure(8, measured)
            : new LockstepLog(log(name, 1), n, 1).measure(8, measured);
    }
}
