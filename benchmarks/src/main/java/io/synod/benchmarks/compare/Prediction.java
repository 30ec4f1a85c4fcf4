package io.synod.benchmarks.compare;

/**
 * What the literature predicts one committed operation costs in the fault-free steady state, one
 * operation at a time, for the deployment {@link LockstepLog} and {@link LockstepCommit} drive:
 * {@code n} replicas (log protocols) or one coordinator and {@code n} participants (commit
 * protocols), every node proposer, acceptor and learner where the protocol has those roles.
 *
 * <p>Message counts are the textbook's for these roles, self-addressed messages included where a
 * protocol sends them (Basic Paxos does; the others handle their own vote locally).
 * {@code designExtra} is what this implementation sends beyond that on purpose, and
 * {@code designNote} says why; it is zero but for Multi-Paxos.
 *
 * @param protocol       the protocol's name
 * @param n              replicas, or participants
 * @param delaysToAnswer message delays until the submitting node can answer its client
 * @param delaysToQuiet  message delays until the last message of the operation
 * @param messages       messages per operation, as the literature counts them
 * @param designExtra    messages this implementation adds on purpose
 * @param fsyncs         forced writes per operation, all nodes together
 * @param source         where the figures come from
 * @param designNote     why {@code designExtra}, or empty
 */
public record Prediction(String protocol, int n, int delaysToAnswer, int delaysToQuiet, long messages, long designExtra,
                         long fsyncs, String source, String designNote) {

    /** The prediction for {@code protocol} ("basic-paxos", "multi-paxos", "zab", "2pc", "3pc", "paxos-commit") with {@code n} nodes. */
    public static Prediction of(String protocol, int n) {
        long m = n;
        return switch (protocol) {
            // Prepare and Accept to every acceptor, Promise back, Accepted from every acceptor to
            // every learner; forced: the proposer's ballot, each promise, each acceptance, each decision.
            case "basic-paxos" -> new Prediction(protocol, n, 4, 4, 3 * m + m * m, 0, 3 * m + 1,
                "Lamport, Paxos Made Simple (2001): phase 1 and phase 2 per instance, 2 round trips", "");
            // Accept to n-1 followers, Accepted back, commit index told to the n-1 followers.
            case "multi-paxos" -> new Prediction(protocol, n, 2, 4, 3 * (m - 1), m - 1, m,
                "Lamport, Paxos Made Simple (2001) s.3: phase 2 only in steady state, 1 round trip",
                "the leader tells followers a moved commit index at once in an Accept without entries, and every "
                    + "Accept is answered (ReadIndex and lease rounds count those answers): n-1 Accepted more; "
                    + "under load the commit index rides on the next Accept instead");
            // PROPOSAL, ACK, COMMIT (Junqueira, Reed, Serafini, DSN 2011, broadcast phase).
            case "zab" -> new Prediction(protocol, n, 2, 3, 3 * (m - 1), 0, m,
                "Junqueira, Reed, Serafini, Zab (DSN 2011): broadcast phase, 1 round trip to commit", "");
            // Prepare, Vote, Decision, Ack to and from each participant; forced: each prepared record,
            // the coordinator's decision, each participant's outcome.
            case "2pc" -> new Prediction(protocol, n, 2, 4, 4 * m, 0, 2 * m + 1,
                "Gray (1978); Bernstein, Hadzilacos, Goodman (1987) ch.7: 2 round trips, 2n+1 forced writes", "");
            // CanCommit, Vote, PreCommit, Ack, DoCommit, HaveCommitted; forced: prepared, pre-committed
            // and committed at each participant, the coordinator's decision.
            case "3pc" -> new Prediction(protocol, n, 4, 6, 6 * m, 0, 3 * m + 1,
                "Skeen (1981); Bernstein, Hadzilacos, Goodman (1987) ch.7: 3 round trips", "");
            // Prepare; each participant's phase 2a to the n acceptors (the participants); each
            // acceptor's 2b per instance to the leader; the decision. Forced: each vote, each of the
            // n*n acceptances, each outcome. Gray and Lamport count 5 delays with the request that
            // starts it; here the coordinator begins, so 4.
            case "paxos-commit" -> new Prediction(protocol, n, 3, 4, 2 * m + 2 * m * m, 0, m * m + 2 * m,
                "Gray, Lamport, Consensus on Transaction Commit (TODS 2006), unbundled: 5 delays with the request",
                "");
            default -> throw new IllegalArgumentException("no prediction for protocol " + protocol);
        };
    }

    /** Messages this implementation should send: the literature's plus its documented extra. */
    public long expectedMessages() {
        return messages + designExtra;
    }
}
