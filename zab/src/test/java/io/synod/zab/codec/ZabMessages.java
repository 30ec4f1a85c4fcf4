package io.synod.zab.codec;

import io.synod.api.Command;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.SnapshotMeta;
import io.synod.zab.message.PeerState;
import io.synod.zab.message.ZabMessage.Ack;
import io.synod.zab.message.ZabMessage.AckEpoch;
import io.synod.zab.message.ZabMessage.AckNewLeader;
import io.synod.zab.message.ZabMessage.Commit;
import io.synod.zab.message.ZabMessage.EpochStart;
import io.synod.zab.message.ZabMessage.FollowerInfo;
import io.synod.zab.message.ZabMessage.Inform;
import io.synod.zab.message.ZabMessage.LeaderInfo;
import io.synod.zab.message.ZabMessage.NewLeader;
import io.synod.zab.message.ZabMessage.Notification;
import io.synod.zab.message.ZabMessage.Ping;
import io.synod.zab.message.ZabMessage.PingReply;
import io.synod.zab.message.ZabMessage.Proposal;
import io.synod.zab.message.ZabMessage.Request;
import io.synod.zab.message.ZabMessage.SyncReply;
import io.synod.zab.message.ZabMessage.SyncRequest;
import io.synod.zab.message.ZabMessage.UpToDate;
import io.synod.zab.message.Zxid;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;

/** Arbitrary ZAB messages of every kind, lists of up to a dozen entries included. */
final class ZabMessages {

    static final int TYPES = 16;

    private ZabMessages() {
    }

    static Arbitrary<Message> any() {
        return Arbitraries.oneOf(List.of(notifications(), followerInfos(), leaderInfos(), ackEpochs(), newLeaders(),
            three(AckNewLeader::new), Combinators.combine(longs(), longs()).as(UpToDate::new), proposals(), three(Ack::new),
            Combinators.combine(longs(), longs()).as(Commit::new), informs(),
            Combinators.combine(longs(), longs(), longs()).as(Ping::new),
            Combinators.combine(longs(), longs(), longs(), longs()).as(PingReply::new), requests(),
            longs().map(SyncRequest::new), Combinators.combine(longs(), longs()).as(SyncReply::new)));
    }

    private interface Three {
        Message of(long a, long b, long c);
    }

    private static Arbitrary<Message> three(Three make) {
        return Combinators.combine(longs(), longs(), longs()).as(make::of);
    }

    private static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-1, 1000), Arbitraries.longs());
    }

    private static Arbitrary<Long> epochs() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    private static Arbitrary<Long> indexes() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 1000), Arbitraries.longs().between(1, 1L << 40));
    }

    private static Arbitrary<Zxid> zxids() {
        return Combinators.combine(epochs(), Arbitraries.longs().between(0, 1L << 40)).as(Zxid::new);
    }

    private static Arbitrary<byte[]> data() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
    }

    private static Arbitrary<List<LogEntry>> entries() {
        return Combinators.combine(indexes(), epochs().list().ofMaxSize(12), data().list().ofMaxSize(12))
            .as((first, terms, values) -> {
                List<LogEntry> out = new ArrayList<>();
                for (int i = 0; i < Math.min(terms.size(), values.size()); i++) {
                    out.add(new LogEntry(first + i, terms.get(i), values.get(i)));
                }
                return out;
            });
    }

    private static Arbitrary<Message> notifications() {
        return Combinators.combine(Arbitraries.integers(), zxids(), epochs(), longs(), Arbitraries.of(PeerState.class))
            .as(Notification::new);
    }

    private static Arbitrary<Message> followerInfos() {
        return Combinators.combine(longs(), epochs(), zxids(), Arbitraries.of(true, false)).as(FollowerInfo::new);
    }

    private static Arbitrary<Message> leaderInfos() {
        return Combinators.combine(longs(), longs()).as(LeaderInfo::new);
    }

    private static Arbitrary<Message> ackEpochs() {
        Arbitrary<List<EpochStart>> starts = Combinators.combine(epochs(), indexes()).as(EpochStart::new).list().ofMaxSize(12);
        return Combinators.combine(longs(), longs(), epochs(), zxids(), zxids(), starts).as(AckEpoch::new);
    }

    private static Arbitrary<Message> newLeaders() {
        Arbitrary<SnapshotMeta> snapshots = Combinators.combine(Arbitraries.longs().between(0, 1L << 40), epochs())
            .as(SnapshotMeta::new);
        return Combinators.combine(longs(), longs(), snapshots.injectNull(0.5), longs(), entries(), longs()).as(NewLeader::new);
    }

    private static Arbitrary<Message> proposals() {
        return Combinators.combine(longs(), entries(), longs()).as(Proposal::new);
    }

    private static Arbitrary<Message> informs() {
        return Combinators.combine(longs(), entries(), longs()).as(Inform::new);
    }

    private static Arbitrary<Message> requests() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs().between(1, Long.MAX_VALUE), data())
            .as((client, seq, payload) -> new Request(new Command(client, seq, payload)));
    }
}
