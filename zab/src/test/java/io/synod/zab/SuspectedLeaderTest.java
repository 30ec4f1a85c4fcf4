package io.synod.zab;

import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.Ready;
import io.synod.zab.message.PeerState;
import io.synod.zab.message.ZabMessage.Notification;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport's suspicion that a peer stopped ({@code ProtocolCore.suspect}): a learner whose
 * leader's connection closed looks for a leader at once instead of waiting out the leader's
 * silence ({@code syncLimit}); any other suspicion changes no role; a wrong one costs a rejoin,
 * not a write.
 */
class SuspectedLeaderTest {

    private static final int SYNC_LIMIT = Zab.builder().build().syncLimit();

    /** Three voters with an established leader, its followers up to date, and one write committed everywhere. */
    private static Harness established(int... observers) {
        Harness h = new Harness(Zab.builder().build(), new int[] {1, 2, 3}, observers);
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0 && allUpToDate(h), 200), "no leader established");
        h.propose(h.leader(), "acked");
        h.tick(2);
        for (int id : h.cores.keySet()) {
            assertEquals(java.util.List.of("acked"), h.committedPayloads(id), "node " + id + " committed the write");
        }
        return h;
    }

    private static boolean allUpToDate(Harness h) {
        return h.cores.entrySet().stream().allMatch(c -> c.getValue().leader().established()
            || c.getValue().learner().isActive() && c.getValue().learner().upToDate());
    }

    private static int[] followers(Harness h, int leader) {
        return IntStream.of(h.voters).filter(v -> v != leader).toArray();
    }

    /** A leader other than {@code old} leads an established epoch. */
    private static boolean newLeader(Harness h, int old) {
        return h.leader() > 0 && h.leader() != old;
    }

    private static Set<Integer> lookingNotificationsTo(Ready r) {
        return r.messages().stream()
            .filter(e -> e.message() instanceof Notification n && n.state() == PeerState.LOOKING)
            .map(Envelope::to).collect(Collectors.toSet());
    }

    @Test
    void followersThatSuspectTheirCrashedLeaderElectANewOneLongBeforeItsSilenceWould() {
        // The control: the leader crashes and nobody is told; its followers wait out its silence.
        Harness silent = established();
        int silentOld = silent.leader();
        silent.crash(silentOld);
        int bySilence = silent.ticksUntil(() -> newLeader(silent, silentOld), 200);
        assertTrue(bySilence > SYNC_LIMIT, "by silence a new leader takes more than syncLimit ticks, took " + bySilence);

        Harness h = established();
        int old = h.leader();
        long oldEpoch = h.core(old).leader().epoch();
        int[] followers = followers(h, old);
        h.crash(old);
        ZabCore first = h.core(followers[0]);
        first.suspect(old);
        assertEquals("looking", first.status().role(), "it stops following at once");
        assertEquals(CoreStatus.NO_LEADER, first.status().leader());
        assertTrue(first.hasReady(), "it has notifications to send before any tick");
        Ready next = first.ready();
        assertEquals(Set.of(old, followers[1]), lookingNotificationsTo(next), "its vote goes to every other voter in the next Ready");
        h.carryOut(followers[0], next);
        h.drain(followers[0]);
        h.core(followers[1]).suspect(old);
        h.drain(followers[1]);
        h.deliver();

        int bySuspicion = h.ticksUntil(() -> newLeader(h, old), 200);
        System.out.println("[suspect] a new leader after the old one crashed: " + bySuspicion + " ticks with both followers told, "
            + bySilence + " by silence (syncLimit " + SYNC_LIMIT + ")");
        assertTrue(bySuspicion >= 0 && bySuspicion * 3 <= bySilence,
            "told, a new leader in " + bySuspicion + " ticks; by silence " + bySilence);
        int now = h.leader();
        assertTrue(h.core(now).leader().epoch() > oldEpoch, "a new epoch");
        h.propose(now, "after");
        h.tick(2);
        for (int f : followers) {
            assertEquals(java.util.List.of("acked", "after"), h.committedPayloads(f), "node " + f + ": no acked write lost");
        }
    }

    @Test
    void anObserverThatSuspectsItsLeaderLooksAtOnce() {
        Harness h = established(4);
        int leader = h.leader();
        ZabCore observer = h.core(4);
        observer.suspect(leader);
        assertEquals(CoreStatus.NO_LEADER, observer.status().leader(), "it gives up on the leader at once");
        assertTrue(observer.hasReady());
        Ready next = observer.ready();
        assertEquals(Set.of(1, 2, 3), next.messages().stream().filter(e -> e.message() instanceof Notification)
            .map(Envelope::to).collect(Collectors.toSet()), "it asks every voter who leads in the next Ready");
        h.carryOut(4, next);
        h.drain(4);
        h.deliver();
        assertEquals(leader, observer.status().leader(), "the live leader's voters answer: it observes it again");
        h.propose(leader, "after");
        h.tick(2);
        assertEquals(java.util.List.of("acked", "after"), h.committedPayloads(4));
    }

    @Test
    void suspicionsOfAnyoneButTheLeaderChangeNothing() {
        Harness h = established();
        int leader = h.leader();
        long epoch = h.core(leader).leader().epoch();
        int[] followers = followers(h, leader);
        int sentBefore = h.sent.size();

        h.core(followers[0]).suspect(followers[1]); // the other follower
        h.core(followers[0]).suspect(followers[0]); // itself
        h.core(followers[0]).suspect(99); // no such peer
        h.core(leader).suspect(followers[0]); // a leader keeps counting its quorum by ticks
        h.core(leader).suspect(leader);
        for (int id : h.voters) {
            h.drain(id);
        }
        h.deliver();
        assertTrue(h.sent.subList(sentBefore, h.sent.size()).stream().noneMatch(e -> e.message() instanceof Notification),
            "nobody looks for a leader");
        for (int f : followers) {
            assertEquals("following", h.core(f).status().role(), "node " + f);
            assertEquals(leader, h.core(f).status().leader(), "node " + f);
        }
        assertEquals("leading", h.core(leader).status().role());

        h.tick(SYNC_LIMIT * 3);
        assertEquals(leader, h.leader(), "the same leader");
        assertEquals(epoch, h.core(leader).leader().epoch(), "in the same epoch: no election");
        h.propose(leader, "after");
        h.tick(2);
        for (int id : h.voters) {
            assertEquals(java.util.List.of("acked", "after"), h.committedPayloads(id), "node " + id);
        }
    }

    @Test
    void aWrongSuspicionOfALiveLeaderCostsARejoinAndNoElection() {
        Harness h = established();
        int leader = h.leader();
        long epoch = h.core(leader).leader().epoch();
        int wrong = followers(h, leader)[0];

        h.core(wrong).suspect(leader);
        assertEquals("looking", h.core(wrong).status().role());
        h.drain(wrong);
        h.deliver();
        // The leader and the other follower answer its notification with the leadership they are in.
        assertEquals("following", h.core(wrong).status().role(), "it rejoins the leader from their answers");
        assertEquals(leader, h.core(wrong).status().leader());
        assertTrue(h.tickUntil(() -> h.core(wrong).learner().upToDate(), 20), "it is synchronised again");
        assertEquals(leader, h.leader(), "the same leader");
        assertEquals(epoch, h.core(leader).leader().epoch(), "in the same epoch");
        assertNotEquals(-1, h.leader());
        h.propose(wrong, "after");
        h.tick(2);
        for (int id : h.voters) {
            assertEquals(java.util.List.of("acked", "after"), h.committedPayloads(id), "node " + id);
        }
    }

    /**
     * With one voter down the leader has no quorum without the suspecting follower, and that
     * follower cannot rejoin it from the leader's answer alone (a late peer needs a quorum of other
     * peers' answers): the leader steps down after syncLimit and a new epoch begins. The ensemble
     * recovers with every committed write.
     */
    @Test
    void aWrongSuspicionWhereTheLeaderHasNoSpareQuorumCostsAnEpochAndNoWrite() {
        Harness h = established();
        int leader = h.leader();
        long epoch = h.core(leader).leader().epoch();
        int[] followers = followers(h, leader);
        h.crash(followers[1]);
        int wrong = followers[0];

        h.core(wrong).suspect(leader);
        h.drain(wrong);
        h.deliver();
        int ticks = h.ticksUntil(() -> h.leader() > 0 && h.core(wrong).learner().isActive() && h.core(wrong).learner().upToDate(), 200);
        System.out.println("[suspect] a wrong suspicion with one voter down: following again after " + ticks + " ticks, epoch "
            + epoch + " -> " + h.core(h.leader()).leader().epoch());
        assertTrue(ticks >= 0, "the ensemble recovers");
        assertTrue(h.core(h.leader()).leader().epoch() > epoch, "in a new epoch");
        h.propose(h.leader(), "after");
        h.tick(2);
        for (int id : new int[] {leader, wrong}) {
            assertEquals(java.util.List.of("acked", "after"), h.committedPayloads(id), "node " + id);
        }
    }
}
