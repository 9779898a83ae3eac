/** Test fixture for ModularityTests: may use the middle layer only, and reaches past it (on purpose). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "middle")
package io.parley.modularityfixture.top;
