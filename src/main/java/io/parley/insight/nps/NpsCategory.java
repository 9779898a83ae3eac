package io.parley.insight.nps;

/** The standard NPS buckets. */
final class NpsCategory {

    static final String PROMOTER = "promoter";
    static final String PASSIVE = "passive";
    static final String DETRACTOR = "detractor";

    private NpsCategory() {
    }

    static String of(int score) {
        return score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
    }
}
