package io.parley;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * spring-boot-configuration-processor writes META-INF/spring-configuration-metadata.json at compile time; IDEs
 * complete and document {@code parley.*} from it. Every properties record of every module must be in it.
 */
class ConfigurationMetadataTests {

    @Test
    void everyParleyPropertiesRecordIsDescribedForIdes() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata on the classpath").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        Set<String> described = new HashSet<>();
        metadata.get("groups").forEach(group -> described.add(group.get("sourceType").asString()));
        Set<String> prefixes = new HashSet<>();
        metadata.get("properties").forEach(property -> prefixes.add(property.get("name").asString()));

        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> records = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.parley")) {
            records.add(candidate.getBeanClassName());
        }
        assertThat(records).as("the modules' properties records").hasSizeGreaterThanOrEqualTo(9)
                .contains("io.parley.chat.ChatProperties", "io.parley.assistant.AssistantProperties");
        for (String type : records) {
            Class<?> record = Class.forName(type);
            String prefix = record.getAnnotation(ConfigurationProperties.class).value();
            assertThat(described).as("metadata group for " + type).contains(type);
            assertThat(prefixes).as("at least one property under " + prefix)
                    .anyMatch(name -> name.startsWith(prefix + "."));
        }
        // the records' javadoc becomes the description an IDE shows
        JsonNode maxLength = null;
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().equals("parley.chat.max-message-length")) {
                maxLength = property;
            }
        }
        assertThat(maxLength).isNotNull();
        assertThat(maxLength.get("description").asString()).contains("characters");
    }
}
