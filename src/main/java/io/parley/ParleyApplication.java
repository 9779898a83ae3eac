package io.parley;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

// every caller authenticates with a bearer token (widget sessions, staff logins), so Boot's in-memory user with
// its generated password would only be a confusing, unused credential in the log
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ParleyApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("eval")) {
            // evaluation needs no server and no database: it indexes a folder in memory and exits
            System.exit(io.parley.assistant.eval.EvalCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    io.parley.assistant.decision.BotDecision.defaults()));
        }
        application().run(args);
    }

    /**
     * The application as {@code java -jar} and {@code spring-boot:run} start it: the embedded PostgreSQL (when no
     * datasource is configured) starts in the background while Spring reads its configuration.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ParleyApplication.class);
        application.addInitializers(EarlyEmbeddedPostgres.initializer());
        return application;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
