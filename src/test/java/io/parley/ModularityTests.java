package io.parley;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(ParleyApplication.class);

    @Test
    void modulesOnlyUseEachOthersApis() {
        modules.verify();
    }

    @Test
    void hasTheModulesOfTheDesign() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("core", "customer", "chat", "knowledge", "assistant", "handoff", "ticket", "agent", "insight");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
