package io.parley;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(ParleyApplication.class);

    /** docs/MODULES.md: who may use whom (core ← customer ← chat ← {assistant, handoff}; knowledge ← assistant; ...). */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("core", Set.<String>of()),
            Map.entry("customer", Set.of("core")),
            Map.entry("agent", Set.of("core")),
            Map.entry("knowledge", Set.of("core")),
            Map.entry("chat", Set.of("core", "customer")),
            Map.entry("assistant", Set.of("core", "customer", "chat", "knowledge")),
            Map.entry("handoff", Set.of("core", "customer", "chat", "agent")),
            Map.entry("ticket", Set.of("core", "customer", "chat", "agent", "handoff", "assistant")),
            Map.entry("insight", Set.of("core", "customer", "chat", "knowledge", "assistant", "handoff", "ticket", "agent")),
            Map.entry("broker", Set.of("core")),
            Map.entry("limits", Set.of("core", "broker")),
            Map.entry("mail", Set.of("core", "customer", "chat", "handoff")));

    @Test
    void modulesOnlyUseEachOthersApis() {
        modules.verify();
    }

    @Test
    void hasTheModulesOfTheDesign() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("core", "customer", "chat", "knowledge", "assistant", "handoff", "ticket", "agent", "insight");
    }

    /** verify() checks the declarations; this checks they are the design's (an undeclared module may use anything). */
    @Test
    void everyModuleDeclaresTheDependenciesOfTheDesign() {
        for (ApplicationModule module : modules) {
            String id = module.getIdentifier().toString();
            Set<String> declared = module.getAllowedDependencies(modules).stream()
                    .map(d -> d.getTargetModule().getIdentifier().toString()).collect(Collectors.toSet());
            assertThat(declared).as("allowedDependencies of %s", id).isEqualTo(ALLOWED.get(id));
        }
    }

    /** The rule has teeth: a module that uses one it has not declared (here: past the layer below it) fails verify(). */
    @Test
    void aModuleReachingPastItsDeclaredDependenciesFailsVerification() {
        ApplicationModules fixture = ApplicationModules.of("io.parley.modularityfixture", location -> true);

        assertThatThrownBy(fixture::verify).isInstanceOf(Violations.class)
                .hasMessageContaining("modularityfixture.top.Top")
                .hasMessageContaining("modularityfixture.low.Low")
                .hasMessageNotContaining("middle.Middle depends on");
    }

    /** The module documentation of docs/MODULES.md, written on every build (target/spring-modulith-docs). */
    @Test
    void writesModuleDocumentation() throws java.io.IOException {
        // the PlantUML diagrams; the Asciidoc canvases are left out: Modulith 2.1.1 fails to read its own Javadoc
        // metadata on this classpath ("Cannot parse JSON"), which would fail the build for a nicety
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();

        java.nio.file.Path docs = java.nio.file.Path.of("target", "spring-modulith-docs");
        assertThat(java.nio.file.Files.readString(docs.resolve("components.puml"))).contains("Chat", "Handoff", "Insight");
        assertThat(docs.resolve("module-chat.puml")).exists();
    }
}
