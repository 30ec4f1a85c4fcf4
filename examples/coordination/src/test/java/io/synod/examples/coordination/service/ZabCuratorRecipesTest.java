package io.synod.examples.coordination.service;

import io.synod.runtime.ReplicaConfig;
import io.synod.zab.Zab;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same Curator recipes with ZAB replicating the tree instead of Multi-Paxos: the service
 * must not depend on which protocol orders its log.
 */
class ZabCuratorRecipesTest extends CuratorRecipesTest {

    // Hides CuratorRecipesTest.start(), so JUnit runs only this one for this class.
    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.of(3, ReplicaConfig.defaults(), Zab.builder().build());
    }
}
