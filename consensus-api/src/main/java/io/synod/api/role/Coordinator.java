package io.synod.api.role;

import io.synod.api.Command;
import io.synod.api.Effects;

/**
 * Drives an atomic-commit decision (2PC, 3PC): asks every participant to vote on a
 * transaction, records the decision durably before announcing it, and re-announces it to
 * participants that ask after a failure. The decided transaction reaches each participant's
 * state machine as a committed entry; an abort reaches the client as
 * {@code ClientReply.Rejected} with reason {@code ABORTED}.
 */
public interface Coordinator extends Role {

    /** Starts the commit protocol for a transaction carried by a client command. */
    void begin(Command transaction, Effects effects);
}
