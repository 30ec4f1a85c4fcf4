package io.synod.api;

/**
 * A protocol message. Each protocol declares its messages as a sealed interface of records that
 * extends this one; the runtime and the transports carry them without looking inside.
 */
public interface Message {
}
