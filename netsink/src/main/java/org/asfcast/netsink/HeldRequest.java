package org.asfcast.netsink;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A request a point holds until its broadcast starts ({@link PointSettings#startWait()}): served
 * as usual once the header is there, answered 503 when the wait runs out or the point goes away,
 * and forgotten when its player leaves. Nothing blocks: it is a timer and an entry in the point's
 * {@link WaitingRequests}, and it lives on its connection's event loop.
 */
final class HeldRequest implements WaitingRequests.Waiter {

    private final ChannelHandlerContext ctx;
    private final BroadcastPoint point;
    private final boolean holdsSlot;
    private final Consumer<BroadcastHeader> serve;
    private final Consumer<Admission.Refuse> refuse;
    private ScheduledFuture<?> timeout;
    private boolean held; // on the loop

    /**
     * @param holdsSlot whether the request took one of the point's player slots (a Play does, a
     *                  Describe does not), given back if it is never served
     * @param serve     serves the request with the header, on the loop
     * @param refuse    answers the request with a refusal, on the loop
     */
    HeldRequest(ChannelHandlerContext ctx, BroadcastPoint point, boolean holdsSlot, Consumer<BroadcastHeader> serve,
                Consumer<Admission.Refuse> refuse) {
        this.ctx = ctx;
        this.point = point;
        this.holdsSlot = holdsSlot;
        this.serve = serve;
        this.refuse = refuse;
    }

    /** On the loop: waits for the broadcast, at most the point's start wait. */
    void hold() {
        held = true;
        Duration wait = point.settings().startWait();
        timeout = ctx.executor().schedule(() -> giveUp(Admission.didNotStart(wait)), wait.toMillis(),
                TimeUnit.MILLISECONDS);
        point.waiting().add(this);
        // Counted first, then looked: a header that came meanwhile is seen here or wakes it.
        look();
    }

    /** On the loop: the player left; it is no longer waited for. */
    void forget() {
        if (held) {
            release();
        }
    }

    @Override
    public void wake() {
        onLoop(this::look);
    }

    @Override
    public void turnAway(Admission.Refuse refusal) {
        onLoop(() -> giveUp(refusal));
    }

    private void look() {
        if (!held) {
            return;
        }
        BroadcastHeader header = point.currentHeader();
        if (header != null) {
            held = false;
            point.waiting().remove(this);
            timeout.cancel(false);
            serve.accept(header); // the slot, if any, goes to the stream
        }
    }

    private void giveUp(Admission.Refuse refusal) {
        if (held) {
            release();
            refuse.accept(refusal);
        }
    }

    private void release() {
        held = false;
        point.waiting().remove(this);
        timeout.cancel(false);
        if (holdsSlot) {
            point.returnSlot();
        }
    }

    private void onLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            // The loop stopped with its server, and closed this connection as it did.
        }
    }
}
