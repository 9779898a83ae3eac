/** Test fixture for ModularityTests: the bottom layer. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.parley.modularityfixture.low;
