package io.parley.agent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    LoginThrottle loginThrottle(AgentProperties properties, JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new LoginThrottle(jdbc, new TransactionTemplate(transactions), new LoginThrottle.Settings(
                properties.loginMaxFailures(), properties.loginMaxFailuresPerAddress(),
                properties.loginMaxFailuresPerAccount(), properties.loginFailureWindow(), properties.loginFirstBackoff(),
                properties.loginMaxBackoff()));
    }
}
