package dev.fleetota.events;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

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
 * Lets a trickling event stream pile up a little before it is read: after a read that brought less than
 * {@value #SMALL_READ} bytes, the next read waits {@code pause} first, so the events of those milliseconds come in one
 * read instead of one read (a system call and a thread wake-up) each. A stream that brings full reads is read at once,
 * so a flood is not slowed. Costs each event up to {@code pause} of latency; {@link Duration#ZERO} turns it off.
 */
final class CoalescingReads implements Interceptor {

    /** A read smaller than this is a trickle: pause before the next one. */
    static final long SMALL_READ = 4096;

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
        BufferedSource source = Okio.buffer(new PausingSource(body.source(), pauseNanos));
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

    /** Pauses before a read that follows a small one. */
    static final class PausingSource extends ForwardingSource {

        private final long pauseNanos;

        private long lastRead = Long.MAX_VALUE;

        PausingSource(Source delegate, long pauseNanos) {
            super(delegate);
            this.pauseNanos = pauseNanos;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            if (lastRead >= 0 && lastRead < SMALL_READ) {
                pause();
            }
            lastRead = super.read(sink, byteCount);
            return lastRead;
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
