package io.synod.examples.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The guarantees every multi-process test ends by checking. */
final class Checks {

    private Checks() {
    }

    /**
     * Every key, read linearizably at every node, holds its last acknowledged value or one tried
     * after it; and no answer during the run broke that rule either.
     */
    static void everyKeyReadsAsAcknowledged(ProcessCluster cluster, Workload workload) {
        long overwritten = workload.ledgers().values().stream().filter(l -> l.acknowledged() >= 2).count();
        assertTrue(overwritten >= 4, () -> "only " + overwritten + " keys were overwritten: the workload did too little");
        for (KeyLedger ledger : workload.ledgers().values()) {
            for (int id : ProcessCluster.IDS) {
                String answer;
                try {
                    answer = cluster.ask(id, "GET " + ledger.key);
                } catch (IOException e) {
                    throw new UncheckedIOException("node " + id + " did not answer a read", e);
                }
                if (!answer.startsWith("OK ")) {
                    fail("node " + id + " refused to read " + ledger.key + ": " + answer);
                }
                ledger.read(answer.substring(3), "node " + id + " at the end");
            }
        }
        List<String> violations = new ArrayList<>();
        workload.ledgers().values().forEach(l -> violations.addAll(l.violations()));
        assertTrue(violations.isEmpty(), () -> violations.size() + " answers lost or invented a write:\n  "
            + String.join("\n  ", violations.subList(0, Math.min(20, violations.size()))));
    }
}
