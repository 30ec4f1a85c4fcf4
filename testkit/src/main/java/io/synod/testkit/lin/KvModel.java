package io.synod.testkit.lin;

import io.synod.testkit.kv.KvOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The specification of {@link io.synod.testkit.kv.KvStateMachine}: one key's value, partitioned
 * per key (operations on different keys never interact). Its meaning comes from
 * {@link KvOp#apply(String)}, the same function the state machine runs.
 */
public final class KvModel implements Model<String, KvOp, String> {

    @Override
    public String init() {
        return "";
    }

    @Override
    public Optional<String> step(String state, KvOp input, String output) {
        KvOp.Applied applied = input.apply(state);
        if (output != null && !output.equals(applied.output())) {
            return Optional.empty();
        }
        return Optional.of(applied.next());
    }

    @Override
    public boolean readOnly(KvOp input) {
        return input.isRead();
    }

    @Override
    public List<List<Operation<KvOp, String>>> partition(List<Operation<KvOp, String>> operations) {
        Map<String, List<Operation<KvOp, String>>> byKey = new TreeMap<>();
        for (Operation<KvOp, String> op : operations) {
            byKey.computeIfAbsent(op.input().key(), k -> new ArrayList<>()).add(op);
        }
        return new ArrayList<>(byKey.values());
    }
}
