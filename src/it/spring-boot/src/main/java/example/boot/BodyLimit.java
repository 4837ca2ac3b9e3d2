package example.boot;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Caps a request body at {@link Limits#maxBodyBytes()}: a declared length over it is answered 413 before anything
 * is read; a body without one (chunked) is cut where it passes the cap, which {@link ApiErrors} answers 413 too.
 */
@Component
public class BodyLimit extends OncePerRequestFilter {

    /** What reading past the cap throws, for {@link ApiErrors} to find under the JSON reader's failure. */
    public static final class TooLarge extends IOException {
        TooLarge(int cap) {
            super(message(cap));
        }
    }

    private final int cap;

    public BodyLimit(Limits limits) {
        this.cap = limits.maxBodyBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > cap) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"status\":413,\"title\":\"Content Too Large\",\"detail\":\"" + message(cap)
                    + "\"}");
            return;
        }
        chain.doFilter(new Capped(request, cap), response);
    }

    static String message(int cap) {
        return "a request body may hold at most " + cap + " bytes here";
    }

    /** The request, its body readable up to the cap. */
    private static final class Capped extends HttpServletRequestWrapper {
        private final int cap;
        private ServletInputStream body;

        Capped(HttpServletRequest request, int cap) {
            super(request);
            this.cap = cap;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                ServletInputStream in = super.getInputStream();
                body = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > cap) {
                            throw new TooLarge(cap);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > cap) {
                            throw new TooLarge(cap);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return body;
        }
    }
}
