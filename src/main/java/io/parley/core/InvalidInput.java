package io.parley.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Input that breaks a rule the caller can fix, found by a module's own checks (not Bean Validation on a request
 * body): it names every offending field, so REST answers the same {@code validation_failed} problem with
 * {@code fields} whichever layer noticed, and non-HTTP callers (e.g. the Markdown import) can report the reasons.
 */
public class InvalidInput extends ParleyException {

    private final Map<String, String> fields;

    /** @param fields field name → what is wrong with it, in the order to report them; not empty */
    public InvalidInput(Map<String, String> fields) {
        super(400, "validation_failed", "Invalid request: " + fields.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("InvalidInput needs at least one field");
        }
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static InvalidInput field(String field, String problem) {
        return new InvalidInput(Map.of(field, problem));
    }

    public Map<String, String> fields() {
        return fields;
    }
}
