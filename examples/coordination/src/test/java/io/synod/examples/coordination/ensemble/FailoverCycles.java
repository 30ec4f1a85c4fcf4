package io.synod.examples.coordination.ensemble;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The failover cycle both the test and the measurement run: find the leader, SIGKILL it, wait until
 * every client of the workload wrote again, restart it on its data directory. Returns, per cycle, the
 * time from the SIGKILL to the acknowledgement of the first write begun after it.
 */
final class FailoverCycles {

    private FailoverCycles() {
    }

    static List<Long> run(ProcessEnsemble ensemble, CuratorWorkload workload, int cycles, String label)
        throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            int leader = ensemble.awaitLeader();
            Map<Integer, Integer> before = new HashMap<>();
            for (CuratorWorkload.Client c : workload.clients()) {
                before.put(c.index, c.successes.get());
            }
            long pid = ensemble.pid(leader);
            long killedAt = System.nanoTime();
            ensemble.kill(leader);
            int next = ensemble.awaitLeader();
            ensemble.await("every client writing again after failover " + cycle, () ->
                workload.clients().stream().allMatch(c -> c.successes.get() > before.get(c.index))
                    && workload.firstWriteBegunAtOrAfter(killedAt) > 0);
            long ms = TimeUnit.NANOSECONDS.toMillis(workload.firstWriteBegunAtOrAfter(killedAt) - killedAt);
            millis.add(ms);
            System.out.printf("%s failover %d: leader %d (pid %d) killed, server %d leads; SIGKILL to the first "
                + "acknowledged write begun after it: %d ms%n", label, cycle, leader, pid, next, ms);
            ensemble.restart(leader);
        }
        return millis;
    }
}
