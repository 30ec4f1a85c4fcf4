package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.synod.examples.coordination.acl.Id;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The tree against {@link TreeModel} over random histories: every result equal (paths and stats
 * of creates, per-op codes of a multi, the ephemerals a closing session loses), and after every
 * step the same nodes, stats, data and children. Between steps, time moves by up to three
 * seconds, and a leader tick asks for due containers and TTL nodes and removes them by command.
 */
class DataTreeModelProperties {

    private static final List<Id> SUPER = List.of(new Id("super", ""));

    @Provide
    Arbitrary<List<Step>> histories() {
        return Histories.histories(80);
    }

    @Provide
    Arbitrary<List<Integer>> pauses() {
        return Arbitraries.integers().between(0, 3000).list().ofSize(80);
    }

    @Property(tries = 300)
    void treeAgreesWithTheModel(@ForAll("histories") List<Step> history, @ForAll("pauses") List<Integer> pauses) {
        DataTree tree = new DataTree();
        TreeModel model = new TreeModel();
        long zxid = 10;
        long time = 50_000;
        for (int i = 0; i < history.size(); i++) {
            Step step = history.get(i);
            zxid++;
            time += pauses.get(i);
            OpResult expected = model.apply(step, zxid, time);
            OpResult actual = tree.apply(step.command(), zxid, time, step.session()).result();
            assertEquals(expected, actual, "step " + i + ": " + step);
            Statistics.label("ops").collect(step.op().getClass().getSimpleName() + " " + actual.code());
            assertEquals(model.due(time), tree.dueForRemoval(time), "due after step " + i);
            if (i % 4 == 3) {
                for (String path : tree.dueForRemoval(time)) {
                    zxid++;
                    Step removal = new Step(0, List.of(), new Op.RemoveExpired(path));
                    OpResult removed = tree.apply(removal.command(), zxid, time, 0).result();
                    assertEquals(model.apply(removal, zxid, time), removed, "removal of " + path);
                    Statistics.label("removals").collect(removed.code());
                }
            }
            sameAsModel(tree, model, i);
        }
    }

    private static void sameAsModel(DataTree tree, TreeModel model, int step) {
        assertEquals(model.nodes().size(), tree.nodeCount(), "node count after step " + step);
        for (Map.Entry<String, TreeModel.Node> e : model.nodes().entrySet()) {
            String path = e.getKey();
            assertEquals(model.stat(path), tree.exists(path), "stat of " + path + " after step " + step);
            assertArrayEquals(e.getValue().data, tree.getData(path, SUPER).data(), "data of " + path);
            assertEquals(model.children(path), tree.getChildren(path, SUPER).children(), "children of " + path);
        }
    }
}
