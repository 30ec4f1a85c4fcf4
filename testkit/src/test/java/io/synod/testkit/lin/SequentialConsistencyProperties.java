package io.synod.testkit.lin;

import io.synod.testkit.kv.KvOp;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker's greedy placement against an exhaustive search on small random histories: a total
 * order of every operation that keeps each client's order among its answered operations and the
 * log's order among updates, along which the model gives every answer. Both must agree, and the
 * histories must include consistent and inconsistent ones.
 */
class SequentialConsistencyProperties {

    private static final KvModel KV = new KvModel();
    private static final String[] KEYS = {"x", "y"};

    private int consistentSeen;
    private int inconsistentSeen;

    @Property(tries = 2000)
    void greedyPlacementAgreesWithExhaustiveSearch(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LogOrder log = new LogOrder();
        List<Operation<KvOp, String>> history = draw(random, log);
        boolean greedy = SequentialConsistencyChecker.check(KV, history, log, KvOp::isRead).consistent();
        boolean exhaustive = exhaustive(history, log);
        assertEquals(exhaustive, greedy, () -> "history " + history + " with log ranks " + ranks(history, log));
        if (greedy) {
            consistentSeen++;
        } else {
            inconsistentSeen++;
        }
        if (consistentSeen + inconsistentSeen == 2000) {
            assertTrue(consistentSeen > 200 && inconsistentSeen > 200,
                "both verdicts must be exercised: " + consistentSeen + " consistent, " + inconsistentSeen + " not");
        }
    }

    /**
     * Two or three clients, up to seven operations: appends with unique values (so answers
     * reveal the order), gets answered from a random prefix of the log (so some go back in time),
     * some updates never answered, and a log order that mostly, not always, keeps each client's order.
     */
    private static List<Operation<KvOp, String>> draw(SplittableRandom random, LogOrder log) {
        int clients = 2 + random.nextInt(2);
        int total = 2 + random.nextInt(6);
        List<int[]> plan = new ArrayList<>(); // {client, isRead, key}
        for (int i = 0; i < total; i++) {
            plan.add(new int[] {random.nextInt(clients), random.nextInt(2), random.nextInt(KEYS.length)});
        }
        List<Integer> updates = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (plan.get(i)[1] == 0) {
                updates.add(i);
            }
        }
        if (random.nextInt(4) == 0 && updates.size() > 1) {
            int a = random.nextInt(updates.size());
            int b = random.nextInt(updates.size());
            Integer t = updates.get(a);
            updates.set(a, updates.get(b));
            updates.set(b, t);
        }
        // Each update's answer is the model's at its place in the log; some are never answered, some never took effect.
        Map<Integer, String> answer = new HashMap<>();
        Map<String, List<String>> states = new HashMap<>();
        for (String k : KEYS) {
            states.put(k, new ArrayList<>(List.of("")));
        }
        List<String> logKeys = new ArrayList<>();
        int index = 0;
        boolean[] indeterminate = new boolean[total];
        for (int i : updates) {
            indeterminate[i] = random.nextInt(6) == 0;
            if (indeterminate[i] && random.nextBoolean()) {
                continue; // never took effect
            }
            String key = KEYS[plan.get(i)[2]];
            List<String> s = states.get(key);
            String next = s.get(s.size() - 1) + (char) ('a' + i);
            answer.put(i, next);
            log.tookEffect(i, ++index, 0);
            logKeys.add(key);
            for (String k : KEYS) {
                List<String> ks = states.get(k);
                ks.add(k.equals(key) ? next : ks.get(ks.size() - 1));
            }
        }
        List<Operation<KvOp, String>> history = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int[] p = plan.get(i);
            String key = KEYS[p[2]];
            KvOp in = p[1] == 1 ? KvOp.get(key) : KvOp.append(key, String.valueOf((char) ('a' + i)));
            long invoke = 10L * i;
            if (p[1] == 1) {
                history.add(Operation.completed(i, p[0], in, states.get(key).get(random.nextInt(index + 1)), invoke, invoke + 5));
            } else if (indeterminate[i] || !answer.containsKey(i)) {
                history.add(Operation.indeterminate(i, p[0], in, invoke));
            } else {
                history.add(Operation.completed(i, p[0], in, answer.get(i), invoke, invoke + 5));
            }
        }
        return history;
    }

    /** Depth-first search over every total order the definition allows. */
    private static boolean exhaustive(List<Operation<KvOp, String>> history, LogOrder log) {
        List<Operation<KvOp, String>> events = new ArrayList<>();
        for (Operation<KvOp, String> op : history) {
            boolean logged = log.rank(op.id()).isPresent();
            if (!op.isIndeterminate() || logged) {
                events.add(op);
            }
        }
        for (Operation<KvOp, String> op : events) {
            if (!op.input().isRead() && !op.isIndeterminate() && log.rank(op.id()).isEmpty()) {
                return false; // answered, yet never took effect
            }
        }
        return search(events, new boolean[events.size()], log, Map.of("x", "", "y", ""));
    }

    private static boolean search(List<Operation<KvOp, String>> events, boolean[] done, LogOrder log, Map<String, String> state) {
        boolean all = true;
        for (int i = 0; i < events.size(); i++) {
            if (done[i]) {
                continue;
            }
            all = false;
            Operation<KvOp, String> op = events.get(i);
            if (!ready(events, done, i, log)) {
                continue;
            }
            String key = op.input().key();
            Optional<String> next = KV.step(state.get(key), op.input(), op.output());
            if (next.isEmpty()) {
                continue;
            }
            Map<String, String> after = new HashMap<>(state);
            after.put(key, next.get());
            done[i] = true;
            if (search(events, done, log, after)) {
                return true;
            }
            done[i] = false;
        }
        return all;
    }

    /** Its client's earlier answered operations and the log's earlier updates are placed. */
    private static boolean ready(List<Operation<KvOp, String>> events, boolean[] done, int i, LogOrder log) {
        Operation<KvOp, String> op = events.get(i);
        for (int j = 0; j < events.size(); j++) {
            if (done[j] || j == i) {
                continue;
            }
            Operation<KvOp, String> other = events.get(j);
            boolean clientBefore = !op.isIndeterminate() && !other.isIndeterminate() && other.clientId() == op.clientId()
                && other.invokeTime() < op.invokeTime();
            boolean logBefore = log.rank(op.id()).isPresent() && log.rank(other.id()).isPresent()
                && log.rank(other.id()).getAsLong() < log.rank(op.id()).getAsLong();
            if (clientBefore || logBefore) {
                return false;
            }
        }
        return true;
    }

    private static String ranks(List<Operation<KvOp, String>> history, LogOrder log) {
        StringBuilder out = new StringBuilder();
        for (Operation<KvOp, String> op : history) {
            log.rank(op.id()).ifPresent(r -> out.append(" #").append(op.id()).append('@').append(LogOrder.describe(r)));
        }
        return out.toString();
    }
}
