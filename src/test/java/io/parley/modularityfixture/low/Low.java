package io.parley.modularityfixture.low;

public class Low {
}
