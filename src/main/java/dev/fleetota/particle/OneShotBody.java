package dev.fleetota.particle;

import java.io.IOException;

import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.ByteString;

/**
 * A request body OkHttp must never transparently resend once transmission has started (its connection-failure
 * recovery would otherwise repeat a non-idempotent call such as lock + flash).
 */
final class OneShotBody extends RequestBody {

    private final ByteString content;

    private final MediaType type;

    OneShotBody(String content, MediaType type) {
        this.content = ByteString.encodeUtf8(content);
        this.type = type;
    }

    @Override
    public MediaType contentType() {
        return type;
    }

    @Override
    public long contentLength() {
        return content.size();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        sink.write(content);
    }

    @Override
    public boolean isOneShot() {
        return true;
    }

}
