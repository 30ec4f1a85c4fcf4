package io.synod.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.Command;
import io.synod.runtime.session.SystemCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Records what a {@link ReplicatedState} reports, as short lines a test compares. */
class Outcomes implements ReplicatedState.ResultListener {

    final List<String> lines = new ArrayList<>();
    final List<String> reports = new ArrayList<>();

    @Override
    public void onApplied(ApplyContext ctx, Command c, byte[] result) {
        if (SystemCommand.isReserved(c.clientId())) {
            return;
        }
        lines.add(c.clientId() + "#" + c.sequence() + "=" + Counter.value(result));
    }

    @Override
    public void onRetry(Command c, byte[] result, boolean refused, long index, int position) {
        lines.add(c.clientId() + "#" + c.sequence() + (refused ? " rejected" : "=" + Counter.value(result))
            + " (retry of " + index + "." + position + ")");
    }

    @Override
    public void onRefused(ApplyContext ctx, Command c, ReplicatedState.Refusal refusal, String reason) {
        lines.add(c.clientId() + "#" + c.sequence() + " " + refusal.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void onSessionEnded(ApplyContext ctx, long sessionId, boolean expired) {
        lines.add("session " + sessionId + (expired ? " expired" : " closed") + " at " + ctx.index() + "." + ctx.position());
    }

    @Override
    public void onDigestReport(int node, long index, long digest) {
        reports.add(node + "@" + index + "=" + digest);
    }
}
