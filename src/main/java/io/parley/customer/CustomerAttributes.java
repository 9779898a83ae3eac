package io.parley.customer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The custom attributes the host application signed about a customer (the extra claims of an identity JWT, such
 * as {@code plan} or {@code seats}). Their values are the host application's JSON, kept as JSON (a string, number,
 * flag, list or object); they are written and read as one JSON object, as before.
 */
public record CustomerAttributes(Map<String, JsonNode> values) {

    public static final CustomerAttributes NONE = new CustomerAttributes(Map.of());

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CustomerAttributes {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A claim's value as the JWT library parsed it (string, number, list, map, instant) as a JSON value. */
    static JsonNode json(Object claim) {
        return JsonMapper.shared().valueToTree(claim);
    }

    @Override
    @JsonValue
    public Map<String, JsonNode> values() {
        return values;
    }

    public Optional<JsonNode> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
