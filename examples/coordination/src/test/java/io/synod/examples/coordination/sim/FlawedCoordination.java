package io.synod.examples.coordination.sim;

import io.synod.api.ApplyContext;
import io.synod.examples.coordination.server.CoordinationStateMachine;
import io.synod.examples.coordination.tree.Command;
import io.synod.examples.coordination.tree.CommandCodec;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.MalformedCommandException;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.OpResult;
import io.synod.examples.coordination.tree.ResultCodec;
import io.synod.examples.coordination.tree.ZnodePath;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The service's state machine with one deliberate bug, for calibration: the checks that pass the
 * real one must catch each of these, by the check meant for it.
 */
final class FlawedCoordination extends ObservedCoordination {

    enum Flaw {
        /**
         * Sequential names come from a counter per parent kept in memory, not from the replicated
         * tree: right on a replica that applied the whole log, wrong on one that started from a
         * snapshot. Replicas diverge: {@link ReplicaTrees#SAME_TREE}.
         */
        UNREPLICATED_SEQUENCE,
        /**
         * Reads are answered from a cache that writes never invalidate. Every replica holds the same
         * tree, but a read may return what was overwritten before it began: linearizability.
         */
        STALE_READS,
        /** An expired session's ephemerals stay: {@link ReplicaTrees#EPHEMERALS_END}. */
        EPHEMERALS_OUTLIVE_SESSION
    }

    private final Flaw flaw;
    private final Map<String, Integer> creations = new HashMap<>();
    private final Map<TreeOp.Read, TreeResult.Read> cache = new HashMap<>();

    FlawedCoordination(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    protected byte[] applyTree(ApplyContext ctx, byte[] command) {
        if (flaw != Flaw.UNREPLICATED_SEQUENCE || command[0] != CoordinationStateMachine.TREE) {
            return super.applyTree(ctx, command);
        }
        try {
            Command c = CommandCodec.decode(Arrays.copyOfRange(command, 1, command.length));
            byte[] sent = command;
            if (c.op() instanceof Op.Create create && create.mode().isSequential()) {
                String parent = ZnodePath.parent(create.path());
                String named = create.path() + String.format("%010d", creations.getOrDefault(parent, 0));
                sent = CoordinationStateMachine.treeCommand(new Command(c.auth(),
                    new Op.Create(named, create.data(), create.acl(), plain(create.mode()), create.ttl())));
            }
            byte[] result = super.applyTree(ctx, sent);
            count(ResultCodec.decode(result));
            return result;
        } catch (MalformedCommandException e) {
            throw new IllegalStateException(e);
        }
    }

    private void count(OpResult result) {
        if (result instanceof OpResult.Created created) {
            creations.merge(ZnodePath.parent(created.path()), 1, Integer::sum);
            creations.put(created.path(), 0);
        } else if (result instanceof OpResult.MultiResult multi) {
            multi.results().forEach(this::count);
        }
    }

    private static CreateMode plain(CreateMode mode) {
        return switch (mode) {
            case EPHEMERAL_SEQUENTIAL -> CreateMode.EPHEMERAL;
            case PERSISTENT_SEQUENTIAL_WITH_TTL -> CreateMode.PERSISTENT_WITH_TTL;
            default -> CreateMode.PERSISTENT;
        };
    }

    @Override
    protected void expire(ApplyContext ctx, long sessionId) {
        if (flaw != Flaw.EPHEMERALS_OUTLIVE_SESSION) {
            super.expire(ctx, sessionId);
        }
    }

    @Override
    protected TreeResult.Read answer(TreeOp.Read read) {
        if (flaw != Flaw.STALE_READS) {
            return super.answer(read);
        }
        return cache.computeIfAbsent(read, super::answer);
    }
}
