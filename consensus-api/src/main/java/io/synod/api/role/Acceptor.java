package io.synod.api.role;

/**
 * The memory of a protocol: promises not to accept older rounds and accepts values of the
 * newest. The Paxos acceptor; the ZAB follower's logging side. An acceptor persists its promise
 * and each acceptance before replying (its replies go out through {@code Effects}, which the
 * driver sends only after the batch is durable), and may ignore any message without harming safety.
 */
public interface Acceptor extends Role {
}
