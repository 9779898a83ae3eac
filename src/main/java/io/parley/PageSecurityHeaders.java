package io.parley;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;

/**
 * Content-Security-Policy and friends for everything the server answers. No page may run inline script (every
 * script is a file from this origin), so an injected {@code <script>} or {@code onerror=} never runs even if a
 * sanitiser misses it. Staff pages (console, writer, admin) may not be framed at all (clickjacking an agent's reply or an
 * admin's change); public pages (help articles, the demo) only by the allowed widget origins. Inline styles stay
 * allowed: the pages set positions and sizes from script, and a style cannot run code.
 */
final class PageSecurityHeaders implements HeaderWriter {

    private static final String BASE = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: https:; font-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'";

    private final String publicFrameAncestors;

    /** @param allowedOrigins the widget's allowed origins ({@code *}: any), who may frame the public pages */
    PageSecurityHeaders(List<String> allowedOrigins) {
        this.publicFrameAncestors = allowedOrigins.contains("*") ? "*" : "'self' " + String.join(" ", allowedOrigins);
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        boolean staffPage = isStaffPage(request.getRequestURI());
        response.setHeader("Content-Security-Policy",
                BASE + "; frame-ancestors " + (staffPage ? "'none'" : publicFrameAncestors));
        if (staffPage) {
            response.setHeader("X-Frame-Options", "DENY");
        }
        // staff URLs name conversations and tickets: never leak them to a linked site
        response.setHeader("Referrer-Policy", staffPage ? "same-origin" : "strict-origin-when-cross-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    static boolean isStaffPage(String path) {
        return path.equals("/console") || path.startsWith("/console/") || path.equals("/writer")
                || path.startsWith("/writer/") || path.equals("/admin") || path.startsWith("/admin/");
    }
}
