package io.synod.examples.transfer;

import io.synod.api.commit.CommitProtocol;
import io.synod.threephase.ThreePhaseCommit;
import io.synod.twophase.TwoPhaseCommit;
import io.synod.twophase.paxoscommit.PaxosCommit;

import java.util.List;

/** The atomic commit protocols by name, for the command line: "2pc", "3pc", "paxos-commit". */
public final class CommitProtocols {

    private CommitProtocols() {
    }

    public static List<CommitProtocol> all() {
        return List.of(TwoPhaseCommit.defaults(), ThreePhaseCommit.defaults(), PaxosCommit.defaults());
    }

    public static CommitProtocol named(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
            "no commit protocol named '" + name + "'; choose one of " + all().stream().map(CommitProtocol::name).toList()));
    }
}
