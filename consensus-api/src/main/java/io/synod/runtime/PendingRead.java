package io.synod.runtime;

/** A read {@link PendingRequests} took: confirmed at {@code readyIndex}, answered once the state reaches it. */
final class PendingRead {
    final ClientRequest.Query query;
    long retryAtTick;
    long readyIndex = -1;

    PendingRead(ClientRequest.Query query, long retryAtTick) {
        this.query = query;
        this.retryAtTick = retryAtTick;
    }
}
