package io.parley.modularityfixture.middle;

import io.parley.modularityfixture.low.Low;

public class Middle {

    final Low low = new Low();
}
