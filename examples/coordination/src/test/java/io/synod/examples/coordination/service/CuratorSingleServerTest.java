package io.synod.examples.coordination.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/** Curator's InterProcessMutex against a single coordination server, on every protocol. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CuratorSingleServerTest {

    @ParameterizedTest
    @EnumSource(Replication.class)
    void interProcessMutexExcludesUnderContention(Replication replication) throws Exception {
        try (LocalCluster one = LocalCluster.of(1, replication)) {
            CuratorRecipesTest.contendForTheLock(one.connectString(1));
        }
    }
}
