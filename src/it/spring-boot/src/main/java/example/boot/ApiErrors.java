package example.boot;

import io.github.articletag.DatabaseBusyException;
import io.github.articletag.DatabaseUnavailableException;
import jakarta.persistence.OptimisticLockException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.NoSuchElementException;

/** What every controller answers when the library refuses a request. */
@RestControllerAdvice
public class ApiErrors {

    /** The library names what is wrong with the input; the database is as it was. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A body cut at the cap (see {@link BodyLimit}); any other unreadable body is the client's error. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimit.TooLarge tooLarge) {
                return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            }
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the request body is not the JSON expected");
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail missing(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /**
     * A busy pool or an unreachable server is the service's state, not the request's fault: 503 with when to try
     * again. The library's message names the server's address, which is not the client's business.
     */
    @ExceptionHandler(DatabaseUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(DatabaseUnavailableException e) {
        boolean busy = e instanceof DatabaseBusyException;
        String detail = (busy ? "the database is busy" : "the database is unavailable")
                + (e.isOutcomeUnknown() ? ": the change may or may not have been made, check before repeating it"
                        : ": nothing was changed, try again shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, busy ? "1" : "5")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }

    /** Someone else changed the entity since the client read it: read it again. */
    @ExceptionHandler(OptimisticLockException.class)
    ProblemDetail conflict(OptimisticLockException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
