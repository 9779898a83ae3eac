package io.parley.modularityfixture.top;

import io.parley.modularityfixture.low.Low;
import io.parley.modularityfixture.middle.Middle;

/** Uses the module it may (middle) and, against its declaration, the one below it (low). */
public class Top {

    final Middle middle = new Middle();
    final Low low = new Low();
}
