package io.synod.examples.coordination.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/** Curator's InterProcessMutex against a single coordination server. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CuratorSingleServerTest {

    @Test
    void interProcessMutexExcludesUnderContention() throws Exception {
        try (LocalCluster one = LocalCluster.of(1)) {
            CuratorRecipesTest.contendForTheLock(one.connectString(1));
        }
    }
}
