package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSlabTest {

    private final FrameSlab slab = new FrameSlab(PooledByteBufAllocator.DEFAULT);

    @Test
    void framesAreExactEmptyDirectBuffersThatDoNotOverlap() {
        List<ByteBuf> frames = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // 50 x 3212 bytes: three slabs
            ByteBuf f = slab.allocate(3212);
            assertThat(f.isDirect()).isTrue();
            assertThat(f.writerIndex()).isZero();
            assertThat(f.capacity()).isEqualTo(3212);
            assertThat(f.maxWritableBytes()).isEqualTo(3212);
            f.writeBytes(new byte[3212]).setByte(0, i).setByte(3211, i);
            frames.add(f);
        }
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).getByte(0)).isEqualTo((byte) i);
            assertThat(frames.get(i).getByte(3211)).isEqualTo((byte) i);
        }
        ByteBuf dup = frames.get(3).retainedDuplicate();
        frames.forEach(ByteBuf::release);
        assertThat(dup.getByte(0)).as("a client's duplicate outlives the ring's reference").isEqualTo((byte) 3);
        assertThat(dup.release()).isTrue();
        slab.release();
        slab.release(); // twice is harmless
    }

    /** Keeps the buffers it makes (the slabs), as made: not wrapped by the leak detector. */
    private static final class Recording extends AbstractByteBufAllocator {
        final List<ByteBuf> made = new ArrayList<>();

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf b = new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
            made.add(b);
            return b;
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    @Test
    void theWriterTakesTheSpareSlabInsteadOfCallingThePool() {
        Recording allocator = new Recording();
        FrameSlab frames = new FrameSlab(allocator);
        frames.prepareSpare();
        assertThat(allocator.made).as("no spare before the first packet").isEmpty();
        ByteBuf first = frames.allocate(FrameSlab.SLAB_BYTES / 4);
        frames.prepareSpare(); // as the event loop's timer does
        frames.prepareSpare(); // a second call keeps the one spare
        assertThat(allocator.made).hasSize(2);
        ByteBuf spare = allocator.made.get(1);
        List<ByteBuf> more = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // fills the first slab and starts the next one
            more.add(frames.allocate(FrameSlab.SLAB_BYTES / 4));
        }
        assertThat(allocator.made).as("the writer did not call the pool").hasSize(2);
        assertThat(more.get(3).unwrap()).isSameAs(spare);
        frames.prepareSpare();
        assertThat(allocator.made).hasSize(3);
        ByteBuf next = allocator.made.get(2);
        frames.release();
        assertThat(next.refCnt()).as("release lets go of the spare too").isZero();
        frames.prepareSpare();
        assertThat(allocator.made).as("no spare once released").hasSize(3);
        first.release();
        more.forEach(ByteBuf::release);
        assertThat(allocator.made.get(0).refCnt()).isZero();
        assertThat(spare.refCnt()).isZero();
    }

    @Test
    void aSlabIsFreedWhenItsLastFrameIsReleasedAndTheSlabIsLetGo() {
        Recording allocator = new Recording();
        FrameSlab frames = new FrameSlab(allocator);
        ByteBuf a = frames.allocate(100);
        ByteBuf b = frames.allocate(100);
        assertThat(allocator.made).hasSize(1);
        ByteBuf slab = allocator.made.get(0);
        assertThat(slab.capacity()).isEqualTo(FrameSlab.SLAB_BYTES);
        a.release();
        frames.release();
        assertThat(slab.refCnt()).as("b still holds it").isPositive();
        b.release();
        assertThat(slab.refCnt()).isZero();
    }

    @Test
    void largePacketsGetABufferOfTheirOwn() {
        Recording allocator = new Recording();
        FrameSlab frames = new FrameSlab(allocator);
        ByteBuf big = frames.allocate(FrameSlab.SLAB_BYTES / 4 + 1);
        assertThat(allocator.made).hasSize(1);
        assertThat(allocator.made.get(0).capacity()).isEqualTo(FrameSlab.SLAB_BYTES / 4 + 1);
        assertThat(big.capacity()).isEqualTo(FrameSlab.SLAB_BYTES / 4 + 1);
        assertThat(big.release()).isTrue();
        frames.release();
        assertThat(allocator.made.get(0).refCnt()).isZero();
    }
}
