package io.parley.assistant.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads a questions.jsonl file (one JSON object a line: id, question, locale, expected). */
public final class EvalQuestions {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private EvalQuestions() {
    }

    public static List<EvalQuestion> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read questions file " + file, e);
        }
        return parse(lines, file.toString());
    }

    static List<EvalQuestion> parse(List<String> lines, String source) {
        List<EvalQuestion> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                String question = text(n, "question");
                if (question == null || question.isBlank()) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": missing 'question'");
                }
                String id = text(n, "id");
                List<String> expected = new ArrayList<>();
                JsonNode exp = n.get("expected");
                if (exp != null && exp.isArray()) {
                    exp.forEach(e -> expected.add(e.asString()));
                } else if (exp != null && !exp.isNull()) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": 'expected' must be a list of slugs");
                }
                String locale = text(n, "locale");
                out.add(new EvalQuestion(id == null ? "line-" + lineNo : id, question,
                        locale == null || locale.isBlank() ? "en" : locale, expected));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": not a JSON object: " + e.getOriginalMessage(), e);
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
