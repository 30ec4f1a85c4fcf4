package io.synod.testkit;

import io.synod.testkit.FaultAction.CrashPoint;
import io.synod.testkit.trace.TraceEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a {@link FaultSchedule}'s actions on a running {@link Simulation}, resolving what
 * can only be known then (who leads, who is down). Actions arriving after the chaotic part are
 * ignored: the quiet part has healed everything.
 */
final class FaultInjector {

    /** Crashes armed for the next Ready fire at once if none comes within this many ticks. */
    private static final int ARMED_TICKS = 5;

    private final Simulation<?, ?> sim;
    /** The links each open partition cut, by episode, so that it heals only its own. */
    private final Map<Integer, List<int[]>> open = new HashMap<>();

    FaultInjector(Simulation<?, ?> sim) {
        this.sim = sim;
    }

    void fire(FaultAction action) {
        if (!sim.chaotic()) {
            return;
        }
        if (action instanceof FaultAction.Partition p) {
            partition(p.kind(), p.episode());
        } else if (action instanceof FaultAction.Heal h) {
            heal(h.episode());
        } else if (action instanceof FaultAction.Pause p) {
            pause(p);
        } else if (action instanceof FaultAction.SyncFailure f) {
            SimNode node = sim.simNode(f.node());
            if (!node.isFailed()) {
                node.armedFaults().failNextSync();
            }
        } else if (action instanceof FaultAction.Crash c) {
            crash(c);
        } else if (action instanceof FaultAction.Clog c) {
            sim.network().clog(c.from(), c.to());
            sim.trace().record(sim.now(), TraceEvent.Kind.CLOG, c.from(), c.to(), "clog " + c.from() + "->" + c.to());
            if (sim.suspicionRandom().nextBoolean()) {
                // A transport may give up on a stalled connection and redial: its peer lives on,
                // so this suspicion is wrong, and a core must stay safe with it.
                sim.suspectLater(sim.simNode(c.to()), c.from());
            }
        } else if (action instanceof FaultAction.Unclog u) {
            sim.network().unclog(u.from(), u.to());
            sim.trace().record(sim.now(), TraceEvent.Kind.UNCLOG, u.from(), u.to(), "unclog " + u.from() + "->" + u.to());
        }
    }

    private void heal(int episode) {
        List<int[]> links = open.remove(episode);
        if (links == null) {
            return;
        }
        for (int[] link : links) {
            sim.network().unblock(link[0], link[1]);
        }
        sim.trace().record(sim.now(), TraceEvent.Kind.HEAL, 0, 0,
            "heal partition #" + episode + (open.isEmpty() ? "" : " (" + open.size() + " still open)"));
    }

    private void pause(FaultAction.Pause p) {
        int id = p.node() == FaultAction.LEADER ? sim.leader() : p.node();
        SimNode node = sim.simNode(id);
        if (node.isUp() && !node.isPaused()) {
            sim.pause(node, p.ticks());
        }
    }

    private void partition(FaultAction.PartitionKind kind, int episode) {
        int n = sim.size();
        if (n < 2) {
            return;
        }
        List<Integer> order = shuffledNodes();
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        boolean oneWay = false;
        switch (kind) {
            case SYMMETRIC, ASYMMETRIC -> {
                int k = 1 + sim.random().nextInt(n - 1);
                a.addAll(order.subList(0, k));
                b.addAll(order.subList(k, n));
                oneWay = kind == FaultAction.PartitionKind.ASYMMETRIC;
            }
            case ISOLATE_LEADER -> {
                int leader = sim.leader();
                a.add(leader);
                order.remove(Integer.valueOf(leader));
                b.addAll(order);
            }
            case SPLIT_BRAIN -> {
                a.addAll(order.subList(0, n / 2));
                b.addAll(order.subList(n / 2, n));
            }
            case BRIDGE -> {
                int bridge = order.remove(0);
                int k = 1 + sim.random().nextInt(order.size() - 1);
                a.addAll(order.subList(0, k));
                b.addAll(order.subList(k, order.size()));
                a.sort(null);
                b.sort(null);
                block(a, b, false, episode);
                sim.trace().record(sim.now(), TraceEvent.Kind.PARTITION, 0, 0,
                    "#" + episode + " bridge: " + a + " | " + b + ", both reach " + bridge);
                return;
            }
            default -> throw new IllegalStateException("unknown partition kind " + kind);
        }
        a.sort(null);
        b.sort(null);
        block(a, b, oneWay, episode);
        sim.trace().record(sim.now(), TraceEvent.Kind.PARTITION, 0, 0,
            "#" + episode + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + a + (oneWay ? " -/-> " : " | ") + b);
    }

    private void block(List<Integer> a, List<Integer> b, boolean oneWay, int episode) {
        List<int[]> links = open.computeIfAbsent(episode, e -> new ArrayList<>());
        for (int x : a) {
            for (int y : b) {
                sim.network().block(x, y);
                links.add(new int[] {x, y});
                if (!oneWay) {
                    sim.network().block(y, x);
                    links.add(new int[] {y, x});
                }
            }
        }
    }

    private List<Integer> shuffledNodes() {
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i <= sim.size(); i++) {
            order.add(i);
        }
        for (int i = order.size() - 1; i > 0; i--) {
            int j = sim.random().nextInt(i + 1);
            Integer tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        return order;
    }

    private void crash(FaultAction.Crash c) {
        int id = c.node() == FaultAction.LEADER ? sim.leader() : c.node();
        SimNode node = sim.simNode(id);
        if (!node.isUp() || node.armedFaults().isArmed() || (id <= sim.voters() && down() >= maxDown())) {
            return;
        }
        node.armedFaults().arm(c.point(), c.downTicks(), c.damage());
        if (c.point() == CrashPoint.BETWEEN_EVENTS) {
            sim.crashNow(node, "between_events", c.downTicks());
            return;
        }
        int incarnation = node.incarnation();
        sim.after(sim.ticks(ARMED_TICKS), () -> {
            if (sim.chaotic() && node.isUp() && node.armedFaults().isArmed() && node.incarnation() == incarnation) {
                sim.crashNow(node, "between_events (no Ready came)", c.downTicks());
            }
        });
    }

    /** Voters down or about to go down; observers do not count, since no quorum needs them. */
    private int down() {
        int down = 0;
        for (int i = 1; i <= sim.voters(); i++) {
            if (!sim.simNode(i).isUp() || sim.simNode(i).armedFaults().isArmed()) {
                down++;
            }
        }
        return down;
    }

    private int maxDown() {
        return sim.config().faults().crashMajority() ? sim.voters() : (sim.voters() - 1) / 2;
    }
}
