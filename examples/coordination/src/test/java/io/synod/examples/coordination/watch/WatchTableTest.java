package io.synod.examples.coordination.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Transcripts of ZooKeeper's triggering rules, one rule each. */
class WatchTableTest {

    private final WatchTable<String> table = new WatchTable<>();

    private static ChangeEvent event(EventType type, String path) {
        return new ChangeEvent(type, path, 1);
    }

    @Test
    void aCreateFiresExistsWatchesOnceAndTheParentsChildWatch() {
        table.addDataWatch("/a", "c1");
        table.addChildWatch("/", "c2");
        assertEquals(Set.of("c1"), table.trigger(event(EventType.NODE_CREATED, "/a")));
        assertEquals(Set.of("c2"), table.trigger(event(EventType.NODE_CHILDREN_CHANGED, "/")));
        assertEquals(Set.of(), table.trigger(event(EventType.NODE_DATA_CHANGED, "/a")), "one-shot watches are used up");
        assertEquals(0, table.size());
    }

    @Test
    void aDeleteNotifiesAConnectionOnceThoughItWatchedDataAndChildren() {
        table.addDataWatch("/a", "c1");
        table.addChildWatch("/a", "c1");
        table.addChildWatch("/a", "c2");
        assertEquals(Set.of("c1", "c2"), table.trigger(event(EventType.NODE_DELETED, "/a")));
        assertEquals(0, table.size());
    }

    @Test
    void aRecursiveWatchSeesDescendantsButNoChildrenChanged() {
        table.addWatch("/app", "c1", AddWatchMode.PERSISTENT_RECURSIVE);
        assertEquals(Set.of("c1"), table.trigger(event(EventType.NODE_CREATED, "/app/x/y")));
        assertEquals(Set.of(), table.trigger(event(EventType.NODE_CHILDREN_CHANGED, "/app/x")));
        assertEquals(Set.of(), table.trigger(event(EventType.NODE_CHILDREN_CHANGED, "/app")));
        assertEquals(Set.of("c1"), table.trigger(event(EventType.NODE_DATA_CHANGED, "/app")));
        assertEquals(Set.of(), table.trigger(event(EventType.NODE_CREATED, "/application")), "a sibling prefix is not below");
        assertEquals(1, table.size(), "persistent: still there");
    }

    @Test
    void aPersistentWatchSeesItsChildrenChangeAndStays() {
        table.addWatch("/app", "c1", AddWatchMode.PERSISTENT);
        assertEquals(Set.of("c1"), table.trigger(event(EventType.NODE_CHILDREN_CHANGED, "/app")));
        assertEquals(Set.of(), table.trigger(event(EventType.NODE_CREATED, "/app/x")));
        assertEquals(Set.of("c1"), table.trigger(event(EventType.NODE_DATA_CHANGED, "/app")));
        assertEquals(2, table.size(), "one in each index, as ZooKeeper counts it");
    }

    @Test
    void removeAndCheckAnswerNoWatcherWhenNothingMatches() {
        table.addDataWatch("/a", "c1");
        table.addWatch("/a", "c1", AddWatchMode.PERSISTENT_RECURSIVE);
        assertFalse(table.contains("/a", "c1", WatcherType.CHILDREN));
        assertFalse(table.remove("/a", "c2", WatcherType.ANY));
        assertTrue(table.remove("/a", "c1", WatcherType.DATA));
        assertTrue(table.contains("/a", "c1", WatcherType.PERSISTENT_RECURSIVE), "the other mode stays");
        assertTrue(table.remove("/a", "c1", WatcherType.ANY));
        assertFalse(table.contains("/a", "c1", WatcherType.ANY));
        table.addChildWatch("/b", "c3");
        table.removeAll("c3");
        assertEquals(Set.of(), table.trigger(event(EventType.NODE_CHILDREN_CHANGED, "/b")));
        assertEquals(0, table.size());
    }
}
