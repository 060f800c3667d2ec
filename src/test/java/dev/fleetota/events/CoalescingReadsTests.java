package dev.fleetota.events;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import okio.Buffer;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read after one that had to wait for its bytes waits the pause first; reads that find bytes waiting never pause,
 * however small they are (a chunked stream hands out one event per read); the bytes are passed on unchanged.
 */
class CoalescingReadsTests {

    @Test
    void aReadAfterOneThatWaitedForItsBytesPausesFirst() throws IOException {
        CoalescingReads.PausingSource source = new CoalescingReads.PausingSource(chunks(10, 50), millis(200),
                System::nanoTime);
        Buffer sink = new Buffer();

        source.read(sink, 8192); // the reader slept 50 ms until the bytes came
        long second = timed(() -> source.read(sink, 8192));

        assertThat(second).as("paused, then waited again").isGreaterThanOrEqualTo(millis(250));
        assertThat(sink.size()).isEqualTo(20);
    }

    @Test
    void smallReadsThatFindBytesWaitingDoNotPause() throws IOException {
        // a clock that stands still: no read is seen waiting, however the machine schedules the test
        CoalescingReads.PausingSource source = new CoalescingReads.PausingSource(chunks(10, 0), millis(10_000),
                () -> 0L);
        Buffer sink = new Buffer();

        long hundred = timed(() -> {
            for (int i = 0; i < 100; i++) {
                source.read(sink, 8192);
            }
            return 0;
        });

        assertThat(hundred).as("a backlog of one-chunk events is read at once").isLessThan(millis(5_000));
        assertThat(sink.size()).isEqualTo(1000);
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

    /** An endless source that hands out {@code size} bytes of 'x' per read, each after {@code waitMillis}. */
    private static Source chunks(int size, long waitMillis) {
        return new Source() {

            @Override
            public long read(Buffer sink, long byteCount) {
                try {
                    Thread.sleep(waitMillis);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
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
