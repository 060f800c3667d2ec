package dev.fleetota.events;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import okio.Buffer;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A read after a small one waits the pause; a read after a full one does not; the bytes are passed on unchanged. */
class CoalescingReadsTests {

    @Test
    void aReadAfterASmallOneWaitsThePauseFirst() throws IOException {
        CoalescingReads.PausingSource source = new CoalescingReads.PausingSource(chunks(10), millis(200));
        Buffer sink = new Buffer();

        long first = timed(() -> source.read(sink, 8192));
        long second = timed(() -> source.read(sink, 8192));

        assertThat(first).as("the first read does not wait").isLessThan(millis(150));
        assertThat(second).as("after a 10-byte read").isGreaterThanOrEqualTo(millis(200));
        assertThat(sink.size()).isEqualTo(20);
    }

    @Test
    void aReadAfterAFullOneDoesNotWait() throws IOException {
        CoalescingReads.PausingSource source = new CoalescingReads.PausingSource(chunks(8192), millis(10_000));
        Buffer sink = new Buffer();

        source.read(sink, 8192);
        long second = timed(() -> source.read(sink, 8192));

        assertThat(second).as("a flood is read at once").isLessThan(millis(5_000));
        assertThat(sink.size()).isEqualTo(2 * 8192);
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private interface Read {

        long run() throws IOException;

    }

    private static long timed(Read read) throws IOException {
        long start = System.nanoTime();
        read.run();
        return System.nanoTime() - start;
    }

    /** An endless source that hands out {@code size} bytes of 'x' per read. */
    private static Source chunks(int size) {
        return new Source() {

            @Override
            public long read(Buffer sink, long byteCount) {
                long n = Math.min(size, byteCount);
                for (long i = 0; i < n; i++) {
                    sink.writeByte('x');
                }
                return n;
            }

            @Override
            public Timeout timeout() {
                return Timeout.NONE;
            }

            @Override
            public void close() {
            }

        };
    }

}
