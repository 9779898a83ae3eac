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
        if (Boolean.getBoolean(CDS_TRAINING)) {
            application.addListeners(ParleyApplication::endTraining);
        }
        return application;
    }

    /** Set by scripts/parley.sh on the run that records the class data sharing archive. */
    static final String CDS_TRAINING = "parley.cds.training";

    /**
     * The class data sharing training run goes as far as a real start does (web server, schedulers and listeners
     * started, one health check answered, which {@code -Dspring.context.exit=onRefresh} would all leave out of the
     * archive), then closes the context and exits; the JVM writes the archive as it exits.
     */
    private static void endTraining(org.springframework.context.ApplicationEvent event) {
        if (!(event instanceof org.springframework.boot.context.event.ApplicationReadyEvent ready)) {
            return;
        }
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
        if (port != null) {
            try (java.io.InputStream health = java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health").toURL()
                    .openStream()) {
                health.readAllBytes();
            }
            catch (java.io.IOException e) {
                // a 503 or a refused connection still loaded what answering took
            }
        }
        System.exit(SpringApplication.exit(ready.getApplicationContext()));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
