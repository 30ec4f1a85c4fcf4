package io.synod.examples.node;

import io.synod.api.Protocol;
import io.synod.paxos.basic.BasicPaxos;
import io.synod.paxos.multi.MultiPaxos;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The replication protocols a node can run, by the name its configuration gives them. */
public enum ProtocolChoice {

    MULTI_PAXOS(MultiPaxos.NAME, () -> MultiPaxos.builder().build()),
    BASIC_PAXOS(BasicPaxos.NAME, BasicPaxos::defaults);

    /**
     * The wire version peers announce in the handshake. Raise it when a codec changes
     * incompatibly, so that nodes of two versions refuse each other instead of misreading frames.
     */
    static final int WIRE_VERSION = 2;

    private final String name;
    private final Supplier<Protocol> factory;

    ProtocolChoice(String name, Supplier<Protocol> factory) {
        this.name = name;
        this.factory = factory;
    }

    /** The name in a configuration file, the same as {@link Protocol#name()}. */
    public String configName() {
        return name;
    }

    /** The protocol with its default settings. */
    public Protocol create() {
        return factory.get();
    }

    /**
     * @throws IllegalArgumentException listing the names there are, if {@code name} is none of them
     */
    static ProtocolChoice named(String name) {
        for (ProtocolChoice p : values()) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + name + "'; one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(ProtocolChoice::configName).collect(Collectors.joining(", "));
    }
}
