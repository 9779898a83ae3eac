package io.parley.agent;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AgentConfiguration {

    /**
     * Delegating, so stored hashes name their algorithm ({@code {bcrypt}...}) and a stronger one can be introduced
     * later without invalidating existing passwords.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle(AgentProperties properties, Clock clock) {
        return new LoginThrottle(properties.loginMaxFailures(), properties.loginFailureWindow(), clock);
    }
}
