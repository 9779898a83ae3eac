package io.parley.customer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Everything Parley keeps about one customer (GDPR right of access): who they are, and one section per module that
 * keeps personal data, written as {@code {exportedAt, customer, <section>: ..., ...}}.
 *
 * @param sections in the order the modules contributed them; each becomes a top-level key of the JSON
 */
@JsonPropertyOrder({"exportedAt", "customer"})
public record CustomerExport(Instant exportedAt, Customer customer, @JsonIgnore List<Section> sections) {

    /** One module's part: its key in the export and its records. */
    public record Section(String name, Object data) {
    }

    /** The sections as top-level keys: the export's format since the first version, which a reader may rely on. */
    @JsonAnyGetter
    Map<String, Object> sectionsByName() {
        Map<String, Object> byName = new LinkedHashMap<>();
        sections.forEach(section -> byName.put(section.name(), section.data()));
        return byName;
    }
}
