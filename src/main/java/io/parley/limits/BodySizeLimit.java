package io.parley.limits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request body size limits on every API endpoint, before anything parses the body: a declared length over the
 * limit is refused at once with {@code 413} problem+json; a body without a declared length (chunked) is read up to
 * the limit and refused the moment it goes over, so nobody can make the server buffer an endless JSON document.
 */
@Configuration(proxyBeanMethods = false)
class BodySizeLimit {

    @Bean
    FilterRegistrationBean<Filter> bodySizeLimitFilter(LimitsProperties properties, JsonMapper json) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(properties, json));
        // every request with a body: the JSON API, the help centre's form posts and anything added later
        registration.addUrlPatterns("/*");
        // before security and everything else that might read the body
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private final LimitsProperties properties;
        private final JsonMapper json;

        Filter(LimitsProperties properties, JsonMapper json) {
            this.properties = properties;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long max = request.getRequestURI().startsWith("/api/articles") ? properties.maxArticleBody().toBytes()
                    : properties.maxBody().toBytes();
            long declared = request.getContentLengthLong();
            if (declared > max) {
                tooLarge(response, max);
                return;
            }
            if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
                byte[] body = readUpTo(request.getInputStream(), max);
                if (body == null) {
                    tooLarge(response, max);
                    return;
                }
                chain.doFilter(new BufferedBody(request, body), response);
                return;
            }
            chain.doFilter(request, response);
        }

        /** The body, or null when it is longer than {@code max}. */
        private static byte[] readUpTo(InputStream in, long max) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0;) {
                if (out.size() + n > max) {
                    return null;
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }

        private void tooLarge(HttpServletResponse response, long max) throws IOException {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is larger than " + max + " bytes");
            problem.setProperty("code", "body_too_large");
            problem.setProperty("maxBytes", max);
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // the rest of the body is not read; the connection closes instead of draining it
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), problem);
        }
    }

    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous body");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
