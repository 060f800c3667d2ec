package dev.fleetota.events;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Lets a trickling event stream pile up a little before it is read: after a read that had to wait for its bytes (the
 * reader was asleep until an event came), the next read waits {@code pause} first, so the events of those
 * milliseconds come in one socket read instead of one read (a system call and a thread wake-up) each. Reads that find
 * bytes waiting never pause, so a flood, or the backlog a pause piled up, is read at full speed. (A read's size says
 * nothing here: a chunked body hands out one chunk per read, and a stream may send each event as a chunk.) Costs an
 * event up to {@code pause} of latency; {@link Duration#ZERO} turns it off.
 */
final class CoalescingReads implements Interceptor {

    /** A read that took this long waited for its bytes: the stream is trickling, pause before the next one. */
    static final long WAITED_NANOS = 1_000_000;

    private final long pauseNanos;

    CoalescingReads(Duration pause) {
        this.pauseNanos = pause.toNanos();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ResponseBody body = response.body();
        if (pauseNanos <= 0 || body == null) {
            return response;
        }
        BufferedSource source = Okio.buffer(new PausingSource(body.source(), pauseNanos, System::nanoTime));
        return response.newBuilder().body(new Body(body, source)).build();
    }

    /** The original body's type and length, read through {@code source}. */
    private static final class Body extends ResponseBody {

        private final ResponseBody original;

        private final BufferedSource source;

        Body(ResponseBody original, BufferedSource source) {
            this.original = original;
            this.source = source;
        }

        @Override
        public MediaType contentType() {
            return original.contentType();
        }

        @Override
        public long contentLength() {
            return original.contentLength();
        }

        @Override
        public BufferedSource source() {
            return source;
        }

        @Override
        public void close() {
            original.close();
        }

    }

    /** Pauses before a read that follows one that waited ({@code clock} times the reads, in nanoseconds). */
    static final class PausingSource extends ForwardingSource {

        private final long pauseNanos;

        private final LongSupplier clock;

        private boolean waited;

        PausingSource(Source delegate, long pauseNanos, LongSupplier clock) {
            super(delegate);
            this.pauseNanos = pauseNanos;
            this.clock = clock;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            if (waited) {
                pause();
            }
            long start = clock.getAsLong();
            long read = super.read(sink, byteCount);
            waited = clock.getAsLong() - start >= WAITED_NANOS;
            return read;
        }

        /** The whole pause (parking may return early), unless the thread is interrupted. */
        private void pause() {
            long deadline = System.nanoTime() + pauseNanos;
            for (long left = pauseNanos; left > 0 && !Thread.currentThread().isInterrupted();
                    left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }

    }

}
