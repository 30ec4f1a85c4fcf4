package io.synod.examples.coordination.service;

import io.synod.api.Protocol;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.zab.Zab;

/**
 * The protocols that can order the service's log. Every service test runs on each (as a parameter):
 * the service must not depend on which one replicates its tree.
 */
enum Replication {

    MULTI_PAXOS("multi-paxos") {
        @Override
        Protocol protocol() {
            return MultiPaxos.builder().build();
        }
    },
    ZAB("zab") {
        @Override
        Protocol protocol() {
            return Zab.builder().build();
        }
    };

    private final String configName;

    Replication(String configName) {
        this.configName = configName;
    }

    abstract Protocol protocol();

    /** Its name in zoo.cfg's {@code protocol} key. */
    String configName() {
        return configName;
    }
}
