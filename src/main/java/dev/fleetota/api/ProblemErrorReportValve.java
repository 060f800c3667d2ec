package dev.fleetota.api;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error reports (requests it refuses before any servlet runs: an encoded {@code /} or NUL in the path,
 * headers larger than the limit) as RFC 9457 problem documents instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        String type = (status == null ? ProblemTypes.MALFORMED_REQUEST : ProblemErrorController.typeOf(status))
            .toString();
        String detail = code >= 500 ? "Something went wrong on our side; the error was logged."
                : "The request was rejected by the web server before it reached the API (" + title + ").";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + code
                        + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the connection is gone or the response was committed meanwhile: nothing more to say
        }
    }

}
