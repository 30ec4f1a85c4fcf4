package io.synod.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The faults of one run, drawn up front from the run's random source so that a failure report
 * can print them and a replay meets exactly the same ones.
 *
 * @param actions the planned faults, in tick order
 */
public record FaultSchedule(List<FaultAction> actions) {

    public FaultSchedule {
        actions = List.copyOf(actions);
    }

    /** Draws the faults of {@code profile} for {@code replicas} nodes over {@code chaosTicks}. */
    public static FaultSchedule draw(FaultProfile profile, int replicas, int chaosTicks, RandomGenerator random) {
        return draw(profile, replicas, 0, chaosTicks, random);
    }

    /**
     * Draws the faults of {@code profile} for {@code replicas} voters and {@code observers}
     * observers (numbered after the voters) over {@code chaosTicks}. Crashes, pauses, partitions
     * and clogs strike any node; disk faults strike a minority of the voters only. With no
     * observers the draws are those of {@link #draw(FaultProfile, int, int, RandomGenerator)}.
     */
    public static FaultSchedule draw(FaultProfile profile, int replicas, int observers, int chaosTicks, RandomGenerator random) {
        if (observers < 0) {
            throw new IllegalArgumentException("observers must be >= 0, was " + observers);
        }
        int nodes = replicas + observers;
        List<FaultAction> actions = new ArrayList<>();
        if (profile.partitions()) {
            drawPartitions(profile, nodes, chaosTicks, random, actions);
        }
        if (profile.crashes()) {
            drawCrashes(profile, nodes, chaosTicks, random, actions);
        }
        if (profile.clogs()) {
            drawSwizzles(profile, nodes, chaosTicks, random, actions);
        }
        // Draws for the newer faults come last, so that older profiles keep their schedules seed for seed.
        if (profile.pauses()) {
            drawPauses(profile, nodes, chaosTicks, random, actions);
        }
        if (profile.quickRestarts()) {
            drawQuickRestarts(profile, nodes, chaosTicks, random, actions);
        }
        if (profile.diskFaults()) {
            drawDiskFaults(profile, replicas, chaosTicks, random, actions);
        }
        actions.sort(Comparator.comparingInt(FaultAction::tick));
        return new FaultSchedule(actions);
    }

    private static int around(RandomGenerator random, int mean) {
        return 1 + random.nextInt(Math.max(1, 2 * mean));
    }

    private static void drawPartitions(FaultProfile p, int n, int chaos, RandomGenerator random, List<FaultAction> out) {
        FaultAction.PartitionKind[] kinds = FaultAction.PartitionKind.values();
        int t = around(random, p.partitionEveryTicks() / 2);
        int episode = 0;
        while (t < chaos) {
            FaultAction.PartitionKind kind = kinds[random.nextInt(kinds.length)];
            if (kind == FaultAction.PartitionKind.BRIDGE && n < 3) {
                kind = FaultAction.PartitionKind.SYMMETRIC;
            }
            int heal = Math.min(chaos, t + around(random, p.partitionTicks()));
            episode++;
            out.add(new FaultAction.Partition(t, kind, episode));
            out.add(new FaultAction.Heal(heal, episode));
            // Overlapping partitions arrive on their own clock; the others wait for the heal.
            t = (p.overlappingPartitions() ? t : heal) + around(random, p.partitionEveryTicks());
        }
    }

    private static void drawCrashes(FaultProfile p, int n, int chaos, RandomGenerator random, List<FaultAction> out) {
        FaultAction.CrashPoint[] points = FaultAction.CrashPoint.values();
        int t = around(random, p.crashEveryTicks());
        while (t < chaos) {
            int node = random.nextInt(4) == 0 ? FaultAction.LEADER : 1 + random.nextInt(n);
            out.add(new FaultAction.Crash(t, node, points[random.nextInt(points.length)], around(random, p.downTicks())));
            t += around(random, p.crashEveryTicks());
        }
    }

    private static void drawSwizzles(FaultProfile p, int n, int chaos, RandomGenerator random, List<FaultAction> out) {
        List<int[]> links = new ArrayList<>();
        for (int a = 1; a <= n; a++) {
            for (int b = 1; b <= n; b++) {
                if (a != b) {
                    links.add(new int[] {a, b});
                }
            }
        }
        if (links.isEmpty()) {
            return; // one node: no link between two nodes to clog
        }
        int t = around(random, p.clogEveryTicks() / 2);
        while (t < chaos) {
            List<int[]> chosen = new ArrayList<>(links);
            shuffle(chosen, random);
            chosen = chosen.subList(0, 1 + random.nextInt(chosen.size()));
            for (int[] link : chosen) {
                out.add(new FaultAction.Clog(t, link[0], link[1]));
                t += 1 + random.nextInt(4);
            }
            t += around(random, 8);
            List<int[]> order = new ArrayList<>(chosen);
            shuffle(order, random);
            for (int[] link : order) {
                out.add(new FaultAction.Unclog(Math.min(t, chaos), link[0], link[1]));
                t += 1 + random.nextInt(4);
            }
            t += around(random, p.clogEveryTicks());
        }
    }

    private static void drawPauses(FaultProfile p, int n, int chaos, RandomGenerator random, List<FaultAction> out) {
        int t = around(random, p.pauseEveryTicks() / 2);
        while (t < chaos) {
            int node = random.nextInt(4) == 0 ? FaultAction.LEADER : 1 + random.nextInt(n);
            out.add(new FaultAction.Pause(t, node, around(random, p.pauseTicks())));
            t += around(random, p.pauseEveryTicks());
        }
    }

    private static void drawQuickRestarts(FaultProfile p, int n, int chaos, RandomGenerator random, List<FaultAction> out) {
        FaultAction.CrashPoint[] points = FaultAction.CrashPoint.values();
        int t = around(random, p.restartEveryTicks());
        while (t < chaos) {
            int node = random.nextInt(4) == 0 ? FaultAction.LEADER : 1 + random.nextInt(n);
            out.add(new FaultAction.Crash(t, node, points[random.nextInt(points.length)], 1 + random.nextInt(2)));
            t += around(random, p.restartEveryTicks());
        }
    }

    /**
     * Disk faults strike a fixed minority of the {@code n} voters (at most (n - 1) / 2), so that a
     * quorum of sound disks always remains: a cluster cannot be expected to stay live, nor to recover what
     * it acknowledged, once a majority of its disks has failed. Some crashes are moved to those
     * nodes and damage their disk; and with {@code syncFailureChance} one of them fails a sync.
     */
    private static void drawDiskFaults(FaultProfile p, int n, int chaos, RandomGenerator random, List<FaultAction> out) {
        List<Integer> nodes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            nodes.add(i);
        }
        shuffle(nodes, random);
        List<Integer> faulty = nodes.subList(0, (n - 1) / 2);
        if (faulty.isEmpty()) {
            return;
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof FaultAction.Crash c && p.damageChance() > 0 && random.nextDouble() < p.damageChance()) {
                FaultAction.DiskDamage damage = random.nextInt(4) == 0
                    ? FaultAction.DiskDamage.SNAPSHOT : FaultAction.DiskDamage.TAIL_RECORD;
                out.set(i, new FaultAction.Crash(c.tick(), faulty.get(random.nextInt(faulty.size())), c.point(),
                    c.downTicks(), damage));
            }
        }
        if (p.syncFailureChance() > 0 && random.nextDouble() < p.syncFailureChance()) {
            out.add(new FaultAction.SyncFailure(1 + random.nextInt(chaos), faulty.get(random.nextInt(faulty.size()))));
        }
    }

    private static <T> void shuffle(List<T> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    /** One action a line, for failure reports. */
    public String describe() {
        if (actions.isEmpty()) {
            return "  (no scheduled faults)\n";
        }
        StringBuilder out = new StringBuilder();
        for (FaultAction a : actions) {
            out.append("  ").append(a).append('\n');
        }
        return out.toString();
    }
}
