package io.synod.runtime;

import java.time.Duration;

/**
 * An open session, as {@link Replica#openSession} hands it out.
 *
 * @param id      the session's id, cluster-wide and never reused: the client id of its commands
 * @param timeout the timeout the replicated rules granted (the one asked for, within their bounds)
 */
public record Session(long id, Duration timeout) {
}
