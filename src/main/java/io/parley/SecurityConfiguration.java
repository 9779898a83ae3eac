package io.parley;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import io.parley.chat.ChatProperties;
import io.parley.core.ApiKeyAuthenticator;
import io.parley.core.ParleyPrincipal;
import io.parley.core.TokenAuthenticator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP security: stateless bearer tokens (widget sessions and staff logins alike), problem+json for 401/403.
 * The WebSocket handshake is open; the STOMP CONNECT frame carries the token and is checked there.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String FAILURE_ATTRIBUTE = SecurityConfiguration.class.getName() + ".failure";
    private static final String[] STAFF_ROLES = { "AGENT", "WRITER", "ADMIN" };
    static final String API_KEY_HEADER = "X-Api-Key";
    /** Public pages and static files: the demo, help pages, console and writer shells, the widget and its libraries. */
    static final String[] PUBLIC_PAGES = { "/", "/index.html", "/demo.js", "/favicon.ico", "/help", "/help/**", "/sitemap.xml", "/admin", "/admin/", "/admin/**", "/console",
            "/console/", "/console/**", "/writer", "/writer/", "/writer/**", "/widget/**", "/common/**", "/i18n/**",
            "/webjars/**", "/api-docs", "/api-docs/**" };
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, List<TokenAuthenticator> authenticators,
            List<ApiKeyAuthenticator> apiKeys, JsonMapper json, Environment environment, ChatProperties chat) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> { })
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/widget/sessions").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/login").permitAll()
                        // mail: the signed link is the credential; the inbound webhook checks its shared secret itself
                        .requestMatchers(HttpMethod.POST, "/api/widget/mail-link", "/api/mail/inbound").permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        // published help articles are public, like a help centre
                        .requestMatchers(HttpMethod.GET, "/api/search", "/api/help/**").permitAll()
                        // the help centre's "Was this helpful?" form (a plain form post, no account needed)
                        .requestMatchers(HttpMethod.POST, "/help/*/*/feedback").permitAll()
                        .requestMatchers("/api/widget/**").hasRole("CUSTOMER")
                        // staff principals carry implied roles too (an ADMIN also has AGENT and WRITER)
                        .requestMatchers("/api/auth/**").hasAnyRole(STAFF_ROLES)
                        .requestMatchers("/api/articles/**", "/api/articles").hasRole("WRITER")
                        .requestMatchers("/api/assistant/preview").hasRole("WRITER")
                        .requestMatchers(HttpMethod.GET, "/api/assistant/calibration").hasAnyRole(STAFF_ROLES)
                        .requestMatchers("/api/assistant/labels").hasRole("WRITER")
                        .requestMatchers("/api/insights/content-gaps/**", "/api/insights/content-gaps").hasRole("WRITER")
                        .requestMatchers("/api/agent/staff/**", "/api/agent/staff").hasRole("ADMIN")
                        .requestMatchers("/api/agent/api-keys/**", "/api/agent/api-keys").hasRole("ADMIN")
                        .requestMatchers("/api/privacy/**").hasRole("ADMIN")
                        .requestMatchers("/api/agent/identity-verification/**", "/api/agent/identity-verification").hasRole("ADMIN")
                        .requestMatchers("/api/assistant/sensitive-topics/**", "/api/assistant/sensitive-topics").hasRole("ADMIN")
                        .requestMatchers("/api/agent/**").hasRole("AGENT")
                        .requestMatchers("/api/tickets/**", "/api/tickets").hasRole("AGENT")
                        // insights: webhook endpoints are configuration (admins); the figures are for the team
                        .requestMatchers("/api/insights/webhooks/**", "/api/insights/webhooks").hasRole("ADMIN")
                        .requestMatchers("/api/insights/metrics", "/api/insights/metrics/**", "/api/insights/nps/**", "/api/insights/nps",
                                "/api/insights/customers/**", "/api/insights/accounts/**", "/api/insights/accounts").hasRole("AGENT")
                        // Prometheus: admins on the main port; open on a separate management port (internal network)
                        .requestMatchers("/actuator/prometheus").access(prometheusAccess(environment))
                        // the API description is for staff and API-key holders (it maps the attack surface);
                        // the page /api-docs is public but shows nothing until its reader signs in
                        .requestMatchers("/v3/api-docs/**", "/v3/api-docs", "/v3/api-docs.yaml").hasAnyRole(STAFF_ROLES)
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        // the pages and the widget's files are public (the pages sign in through the API); the
                        // handshake of /ws is open, its CONNECT frame carries the token (see StompAuthorization)
                        .requestMatchers(HttpMethod.GET, PUBLIC_PAGES).permitAll()
                        .requestMatchers("/ws", "/ws/**", "/error").permitAll()
                        // everything else (a new actuator endpoint, a forgotten path) is refused until given a rule
                        .anyRequest().denyAll())
                .headers(headers -> headers
                        .frameOptions(frame -> frame.disable())
                        .contentTypeOptions(options -> options.disable())
                        .addHeaderWriter(new PageSecurityHeaders(chat.allowedOrigins())))
                .addFilterBefore(new BearerTokenFilter(authenticators, apiKeys, json), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problem(json, response, HttpStatus.UNAUTHORIZED,
                                "unauthorized", Optional.ofNullable((String) request.getAttribute(FAILURE_ATTRIBUTE))
                                        .orElse("A bearer token is required (Authorization: Bearer <token>)")))
                        .accessDeniedHandler((request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                                "forbidden", "Your token does not allow " + request.getMethod() + " " + request.getRequestURI())));
        return http.build();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(ChatProperties chat) {
        // the widget runs on the host application's pages, so its origin is not ours
        if (chat.allowedOrigins().contains("*")) {
            log.warn("parley.chat.allowed-origins is '*': any web site may embed the widget, call the widget API and "
                    + "open /ws. Set it to the host application's origins (e.g. https://app.example.com).");
        }
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOriginPatterns(chat.allowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", API_KEY_HEADER));
        config.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/widget/**", config);
        source.registerCorsConfiguration("/api/search", config);
        source.registerCorsConfiguration("/api/help/**", config);
        // the widget's own modules, the shared modules it imports, its text bundles and its browser libraries are
        // loaded cross-origin (ES modules and fetch)
        source.registerCorsConfiguration("/widget/**", config);
        source.registerCorsConfiguration("/common/**", config);
        source.registerCorsConfiguration("/i18n/**", config);
        source.registerCorsConfiguration("/webjars/**", config);
        return source;
    }

    /**
     * Scrapes that arrive on the separate management port ({@code management.server.port}, meant to be reachable
     * only from the monitoring network) need no token; on the application's port only admins may read the metrics.
     */
    private static AuthorizationManager<RequestAuthorizationContext> prometheusAccess(Environment environment) {
        AuthorizationManager<RequestAuthorizationContext> admin = AuthorityAuthorizationManager.hasRole("ADMIN");
        return (authentication, context) -> {
            // Boot sets local.management.port to the server port as well when there is no separate one
            Integer managementPort = environment.getProperty("local.management.port", Integer.class);
            Integer serverPort = environment.getProperty("local.server.port", Integer.class);
            if (managementPort != null && managementPort > 0 && !managementPort.equals(serverPort)
                    && context.getRequest().getLocalPort() == managementPort) {
                return new AuthorizationDecision(true);
            }
            return admin.authorize(authentication, context);
        };
    }

    private static void problem(JsonMapper json, HttpServletResponse response, HttpStatus status, String code,
            String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Authenticates {@code Authorization: Bearer <token>} against every module's {@link TokenAuthenticator}, and
     * API keys ({@code pk_...}, as a bearer token or in {@code X-Api-Key}) against the {@link ApiKeyAuthenticator}.
     * A read-only key is refused here for anything but GET/HEAD, before any URL rule could admit it.
     */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final List<TokenAuthenticator> authenticators;
        private final List<ApiKeyAuthenticator> apiKeys;
        private final JsonMapper json;

        BearerTokenFilter(List<TokenAuthenticator> authenticators, List<ApiKeyAuthenticator> apiKeys, JsonMapper json) {
            this.authenticators = authenticators;
            this.apiKeys = apiKeys;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            String apiKey = request.getHeader(API_KEY_HEADER);
            Optional<ParleyPrincipal> principal = Optional.empty();
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = header.substring(7).trim();
                principal = ApiKeyAuthenticator.looksLikeKey(token) ? apiKey(token)
                        : TokenAuthenticator.firstMatch(authenticators, token);
                if (principal.isEmpty()) {
                    request.setAttribute(FAILURE_ATTRIBUTE, ApiKeyAuthenticator.looksLikeKey(token)
                            ? "The API key is unknown, revoked or expired" : "The bearer token is invalid or has expired");
                }
            }
            else if (apiKey != null) {
                principal = apiKey(apiKey.trim());
                if (principal.isEmpty()) {
                    request.setAttribute(FAILURE_ATTRIBUTE, "The API key in " + API_KEY_HEADER + " is unknown, revoked or expired");
                }
            }
            if (principal.isPresent()) {
                if (principal.get().hasRole(ApiKeyAuthenticator.READ_ONLY)
                        && !HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())) {
                    problem(json, response, HttpStatus.FORBIDDEN, "api_key_read_only",
                            "This API key is read-only: it may not " + request.getMethod() + " " + request.getRequestURI());
                    return;
                }
                var authorities = principal.get().roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
                var authentication = new UsernamePasswordAuthenticationToken(principal.get(), null, authorities);
                SecurityContextHolder.getContext().setAuthentication(authentication);
            }
            chain.doFilter(request, response);
        }

        private Optional<ParleyPrincipal> apiKey(String key) {
            for (ApiKeyAuthenticator authenticator : apiKeys) {
                Optional<ParleyPrincipal> principal = authenticator.authenticate(key);
                if (principal.isPresent()) {
                    return principal;
                }
            }
            return Optional.empty();
        }
    }
}
