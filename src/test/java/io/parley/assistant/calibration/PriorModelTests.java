package io.parley.assistant.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code prior.json} is written by {@link PriorModel#toJson} and read back by {@link PriorModel#read}. */
class PriorModelTests {

    @Test
    void writesThePriorAsItWasWrittenBeforeItsFormBecameRecords() throws IOException {
        // prior-as-written.json: the shipped prior written by toJson when it still built maps
        try (InputStream in = PriorModelTests.class.getResourceAsStream("prior-as-written.json")) {
            assertThat(PriorModel.shipped().toJson()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsWhatItWrites() {
        PriorModel shipped = PriorModel.shipped();

        PriorModel again = PriorModel.read(PriorModel.JSON.readTree(shipped.toJson()));

        assertThat(again.toJson()).isEqualTo(shipped.toJson());
        assertThat(again.targetPrecision()).isEqualTo(shipped.targetPrecision());
        for (EvidenceFeatures.Family f : EvidenceFeatures.Family.values()) {
            assertThat(again.threshold(f)).isEqualTo(shipped.threshold(f));
        }
    }
}
