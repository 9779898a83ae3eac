/** Test fixture for ModularityTests: may use the bottom layer. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "low")
package io.parley.modularityfixture.middle;
