package io.parley;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is how a newcomer finds the pages (issue #16): every page of its "Pages" table links to a section of
 * the README that shows it in a screenshot, and every screenshot it shows is in docs/images (and every image there is
 * shown somewhere), so a renamed or forgotten file fails the build rather than a reader.
 */
class ReadmeTests {

    static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\((docs/images/[^)]+)\\)");
    static final Pattern PAGE_ROW = Pattern.compile("^\\| `http://localhost:8080(/[^`]*)` \\|[^|]*\\| \\[[^\\]]+\\]\\(#([a-z0-9-]+)\\) \\|$",
            Pattern.MULTILINE);

    final String readme = read(Path.of("README.md"));

    @Test
    void everyImageTheReadmeShowsExistsAndEveryImageInDocsIsShown() throws IOException {
        Set<String> shown = new LinkedHashSet<>();
        Matcher m = IMAGE.matcher(readme);
        while (m.find()) {
            shown.add(m.group(1));
        }
        assertThat(shown).hasSizeGreaterThan(15);
        assertThat(shown).allSatisfy(image -> assertThat(Path.of(image)).as(image).isRegularFile());
        try (Stream<Path> files = Files.list(Path.of("docs", "images"))) {
            assertThat(files.map(f -> "docs/images/" + f.getFileName()).toList()).as("images in docs/images the README never shows")
                    .allSatisfy(image -> assertThat(shown).contains(image));
        }
    }

    @Test
    void everyPageInThePagesTableLeadsToASectionWithAScreenshot() {
        Matcher rows = PAGE_ROW.matcher(readme);
        List<String> pages = new ArrayList<>();
        while (rows.find()) {
            String page = rows.group(1);
            pages.add(page);
            String section = section(rows.group(2));
            assertThat(section).as("README section #%s (page %s)", rows.group(2), page).isNotNull();
            assertThat(IMAGE.matcher(section).find()).as("a screenshot in section #%s (page %s)", rows.group(2), page).isTrue();
        }
        assertThat(pages).contains("/", "/console", "/writer", "/admin", "/help", "/api-docs");
    }

    /**
     * The text of the section whose heading has this GitHub anchor, up to the next heading of the same level or above
     * (a {@code #} line inside a fenced code block is a shell comment, not a heading).
     */
    private String section(String anchor) {
        String[] lines = readme.split("\n");
        boolean[] heading = new boolean[lines.length];
        boolean fenced = false;
        for (int i = 0; i < lines.length; i++) {
            fenced ^= lines[i].stripLeading().startsWith("```");
            heading[i] = !fenced && lines[i].matches("#{1,6} .*");
        }
        for (int i = 0; i < lines.length; i++) {
            if (heading[i] && anchor(lines[i]).equals(anchor)) {
                int level = lines[i].indexOf(' ');
                StringBuilder text = new StringBuilder();
                for (int j = i + 1; j < lines.length && !(heading[j] && lines[j].indexOf(' ') <= level); j++) {
                    text.append(lines[j]).append('\n');
                }
                return text.toString();
            }
        }
        return null;
    }

    private static String anchor(String heading) {
        return heading.replaceFirst("^#+\\s*", "").strip().toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
