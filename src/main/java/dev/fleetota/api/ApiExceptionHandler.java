package dev.fleetota.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fleetota.common.ConflictException;
import dev.fleetota.common.InvalidRequestException;
import dev.fleetota.common.NotFoundException;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error the API returns is an RFC 9457 problem document with a stable {@code type}. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException ex) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", ex.getMessage());
        ex.details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException ex) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.of(ex.problemType()), ex.title(),
                ex.getMessage());
        ex.details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException ex) {
        HttpStatus status = ex.unprocessable() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = problem(status, ProblemTypes.of(ex.problemType()), "Invalid request",
                ex.getMessage());
        ex.details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentUpdate(OptimisticLockingFailureException ex) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONCURRENT_UPDATE, "Concurrent update",
                "The resource was changed by someone else; reload it and retry.");
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException ex) {
        log.debug("Integrity violation", ex);
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict",
                "The request conflicts with existing data (a duplicate or a reference that is in use).");
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException ex) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getConstraintViolations()
            .forEach(v -> errors.add(fieldError(lastNode(v.getPropertyPath().toString()), v.getMessage(),
                    v.getInvalidValue())));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Validation failed",
                errors.size() + " invalid field(s)");
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Validation failed",
                "1 invalid field(s)");
        problem.setProperty("errors",
                List.of(fieldError(ex.getName(), "has the wrong type", String.valueOf(ex.getValue()))));
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException ex) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", ex.getMessage());
    }

    /** Tomcat could not decode a query parameter (bad percent-encoding or not UTF-8). */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameter(InvalidParameterException ex) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request",
                "A query parameter could not be decoded (invalid percent-encoding or not UTF-8).");
    }

    /** {@code ?page=} so large that page × size is beyond any row the database can address. */
    @ExceptionHandler(InvalidDataAccessApiUsageException.class)
    ProblemDetail invalidDataAccess(InvalidDataAccessApiUsageException ex) {
        if (ex.getMessage() == null || !ex.getMessage().startsWith("Page offset exceeds")) {
            return unexpected(ex);
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Validation failed",
                "1 invalid field(s)");
        problem.setProperty("errors", List.of(fieldError("page", "is too large for this page size", null)));
        return problem;
    }

    // ---- foundation: security denials raised inside MVC (@PreAuthorize); without these the catch-all
    // below would turn them into 500s. The filter chain answers the same problems for URL rules.

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException ex) {
        return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                "The token's role does not allow this request.");
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthorized(AuthenticationException ex) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fleet-ota\"")
            .body(problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                    "This endpoint needs an API token: send 'Authorization: Bearer <token>'."));
    }

    // ---- end foundation

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        log.error("Unhandled error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                "Something went wrong on our side; the error was logged.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            // foundation: a failed conversion (e.g. ?size=abc) must not leak Java type names
            String message = fe.isBindingFailure() ? "has the wrong type or format" : fe.getDefaultMessage();
            errors.add(fieldError(fe.getField(), message, fe.getRejectedValue()));
        }
        ex.getBindingResult()
            .getGlobalErrors()
            .forEach(ge -> errors.add(fieldError(ge.getObjectName(), ge.getDefaultMessage(), null)));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Validation failed",
                errors.size() + " invalid field(s)");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getParameterValidationResults()
            .forEach(r -> r.getResolvableErrors()
                .forEach(e -> errors.add(fieldError(r.getMethodParameter().getParameterName(),
                        e.getDefaultMessage(), r.getArgument()))));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Validation failed",
                errors.size() + " invalid field(s)");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = MalformedBodyMessages.describe(ex);
        return ResponseEntity.badRequest()
            .body(problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request body", detail));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail pd && pd.getType() != null && !"about:blank".equals(pd.getType().toString())) {
            return super.handleExceptionInternal(ex, body, headers, statusCode, request);
        }
        ProblemDetail problem = body instanceof ProblemDetail pd ? pd
                : ProblemDetail.forStatusAndDetail(statusCode, ex.getMessage());
        problem.setType(typeFor(ex, statusCode));
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    private static URI typeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return ProblemTypes.METHOD_NOT_ALLOWED;
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
        }
        if (status.value() == 404) {
            return ProblemTypes.NOT_FOUND;
        }
        return status.is4xxClientError() ? ProblemTypes.MALFORMED_REQUEST : ProblemTypes.INTERNAL;
    }

    private static Map<String, Object> fieldError(String field, String message, Object rejected) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        if (rejected != null && !(rejected instanceof Iterable<?>) && String.valueOf(rejected).length() <= 200) {
            error.put("rejectedValue", String.valueOf(rejected));
        }
        return error;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

}
