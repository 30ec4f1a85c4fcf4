package io.synod.examples.runtime;

import io.synod.api.ApplyContext;
import io.synod.examples.kv.KeyValueStore;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.LeaderTick;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.synod.examples.kv.KeyValueStore.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a replica tells its listeners, on three real replicas: applied commands, leadership, leader ticks. */
class ListenersTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults().withTickInterval(Duration.ofMillis(10));

    @Test
    void everyReplicaHearsTheSameAppliedCommandsAtTheSamePlacesAndARestartMarksItsReplays() throws Exception {
        Map<Integer, List<String>> heard = new ConcurrentHashMap<>();
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new KeyValueStore(), id -> CONFIG)) {
            for (int id : ThreeReplicas.MEMBERS) {
                List<String> mine = new CopyOnWriteArrayList<>();
                heard.put(id, mine);
                cluster.start(id, b -> b.onApplied((ctx, command, result) ->
                    mine.add(ctx.index() + "." + ctx.position() + " " + text(command) + (ctx.replay() ? " replay" : ""))));
            }
            int leader = cluster.awaitLeader();
            for (int i = 0; i < 10; i++) {
                cluster.replica(1 + i % 3).submit(KeyValueStore.put("k" + i, "v" + i)).get(60, TimeUnit.SECONDS);
            }
            ThreeReplicas.await("ten commands heard everywhere", () -> heard.values().stream().allMatch(l -> l.size() == 10));
            assertEquals(heard.get(1), heard.get(2), "the same commands, at the same places, on every replica");
            assertEquals(heard.get(1), heard.get(3));
            assertTrue(heard.get(1).stream().noneMatch(l -> l.endsWith("replay")));

            int other = leader == 1 ? 2 : 1;
            long appliedThen = cluster.replica(other).appliedIndex();
            cluster.stop(other);
            List<String> again = new CopyOnWriteArrayList<>();
            cluster.start(other, b -> b.onApplied((ctx, command, result) ->
                again.add(ctx.index() + "." + ctx.position() + " " + text(command) + (ctx.replay() ? " replay" : ""))));
            ThreeReplicas.await("the restarted replica re-applies its log", () -> again.size() == 10);
            for (int i = 0; i < 10; i++) {
                assertEquals(heard.get(other).get(i) + " replay", again.get(i), "entries in the log at start are replays");
            }
            assertTrue(cluster.replica(other).appliedIndex() >= appliedThen);
        }
    }

    @Test
    void oneReplicaHearsItLeadsAndAnotherTakesOverWhenItStops() throws Exception {
        Map<Integer, List<String>> events = new ConcurrentHashMap<>();
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new KeyValueStore(), id -> CONFIG)) {
            for (int id : ThreeReplicas.MEMBERS) {
                List<String> mine = new CopyOnWriteArrayList<>();
                events.put(id, mine);
                cluster.start(id, b -> b.onLeadership((leading, term) -> mine.add((leading ? "leads " : "stops ") + term)));
            }
            int first = cluster.awaitLeader();
            ThreeReplicas.await("the leader hears it", () -> !events.get(first).isEmpty());
            String took = events.get(first).get(0);
            assertTrue(took.startsWith("leads "), events.toString());
            cluster.stop(first);
            assertTrue(events.get(first).get(events.get(first).size() - 1).startsWith("stops "), "closing tells it stopped leading");
            int second = cluster.awaitLeader(ThreeReplicas.MEMBERS[first % 3], ThreeReplicas.MEMBERS[(first + 1) % 3]);
            ThreeReplicas.await("the new leader hears it", () -> events.get(second).stream().anyMatch(e -> e.startsWith("leads ")));
            long firstTerm = Long.parseLong(took.substring(6));
            long secondTerm = events.get(second).stream().filter(e -> e.startsWith("leads ")).mapToLong(e -> Long.parseLong(e.substring(6)))
                .max().orElseThrow();
            assertTrue(secondTerm > firstTerm, events.toString());
        }
    }

    @Test
    void onlyTheLeaderTicksAndWhatItProposesIsAppliedEverywhere() throws Exception {
        Map<Integer, AtomicInteger> ticks = new ConcurrentHashMap<>();
        Map<Integer, Boolean> everLed = new ConcurrentHashMap<>();
        try (ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new KeyValueStore(), id -> CONFIG)) {
            for (int id : ThreeReplicas.MEMBERS) {
                AtomicInteger count = new AtomicInteger();
                ticks.put(id, count);
                LeaderTick tick = proposer -> {
                    // A conditional, idempotent timer: proposed again at every tick until it is applied.
                    if (count.incrementAndGet() % 10 == 1) {
                        proposer.propose(KeyValueStore.put("timer", "term " + proposer.term()));
                    }
                };
                everLed.put(id, false);
                cluster.start(id, b -> b.onLeaderTick(tick).onLeadership((leading, term) -> everLed.merge(id, leading, Boolean::logicalOr)));
            }
            int leader = cluster.awaitLeader();
            for (int id : ThreeReplicas.MEMBERS) {
                Replica r = cluster.replica(id);
                ThreeReplicas.await("the timer's command on replica " + id,
                    () -> text(r.readLocal(KeyValueStore.get("timer")).join()).startsWith("term "));
            }
            for (int id : ThreeReplicas.MEMBERS) {
                if (!everLed.get(id)) {
                    assertEquals(0, ticks.get(id).get(), "replica " + id + " never led, so it never ticked: " + ticks);
                }
            }
            assertTrue(ticks.get(leader).get() > 0);
        }
    }
}
