package io.parley.limits;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.parley.core.ParleyPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rate limits on the REST calls an abuser would repeat: starting sessions, starting conversations, posting
 * messages, searching and answering "Was this helpful?". Over the limit the call gets {@code 429} problem+json with {@code Retry-After} and is
 * not handled at all (nothing is created). Runs after authentication, so the customer is known.
 */
@Configuration(proxyBeanMethods = false)
class RestRateLimits implements WebMvcConfigurer {

    private final RateLimits limits;
    private final JsonMapper json;

    RestRateLimits(RateLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Guard(RateLimits.Action.SESSION, "POST")).addPathPatterns("/api/widget/sessions");
        registry.addInterceptor(new Guard(RateLimits.Action.CONVERSATION, "POST")).addPathPatterns("/api/widget/conversations");
        registry.addInterceptor(new Guard(RateLimits.Action.MESSAGE, "POST")).addPathPatterns("/api/widget/conversations/*/messages");
        registry.addInterceptor(new Guard(RateLimits.Action.SEARCH, "GET")).addPathPatterns("/api/search");
        registry.addInterceptor(new Guard(RateLimits.Action.HELPFUL, "POST")).addPathPatterns("/help/*/*/feedback");
    }

    private final class Guard implements HandlerInterceptor {

        private final RateLimits.Action action;
        private final String method;

        Guard(RateLimits.Action action, String method) {
            this.action = action;
            this.method = method;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
            if (!method.equals(request.getMethod())) {
                return true;
            }
            Optional<Duration> wait = limits.take(action, request.getRemoteAddr(), customerId());
            if (wait.isEmpty()) {
                return true;
            }
            long seconds = RateLimits.retryAfterSeconds(wait.get());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests of this kind; try again in " + seconds + " s");
            problem.setProperty("code", "rate_limited");
            problem.setProperty("retryAfterSeconds", seconds);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(seconds));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return false;
        }
    }

    private static String customerId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ParleyPrincipal principal) {
            // staff searching are limited by their account like customers
            return principal.getName();
        }
        return null;
    }
}
