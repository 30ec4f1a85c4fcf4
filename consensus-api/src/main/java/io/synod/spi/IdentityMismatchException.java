package io.synod.spi;

/**
 * A storage was claimed by another node or another cluster than the one that first used it. The
 * replica does not start and nothing is written: serving from another node's directory would
 * answer with that node's promises and lose writes it acknowledged.
 */
public final class IdentityMismatchException extends IllegalStateException {

    private final transient NodeIdentity recorded;
    private final transient NodeIdentity claimed;

    public IdentityMismatchException(String where, NodeIdentity recorded, NodeIdentity claimed) {
        super(where + " belongs to " + recorded + ", not to " + claimed + "; refusing to start on another "
            + (recorded.clusterId().equals(claimed.clusterId()) ? "node's" : "cluster's") + " data");
        this.recorded = recorded;
        this.claimed = claimed;
    }

    /** The identity the storage holds. */
    public NodeIdentity recorded() {
        return recorded;
    }

    /** The identity that tried to use it. */
    public NodeIdentity claimed() {
        return claimed;
    }
}
