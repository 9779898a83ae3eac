package io.parley.knowledge;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import io.parley.core.InvalidInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ArticleValidationTests {

    @Test
    void fillsInSlugAndLocaleAndCleansTags() {
        ArticleContent content = ArticleValidation.validate(new ArticleInput(null, "pt_br", "  Şifrenizi sıfırlama: adım 1!  ",
                "Body", List.of(" billing ", "Billing", "faq"), " ", null));

        assertThat(content.slug()).isEqualTo("sifrenizi-sifirlama-adim-1");
        assertThat(content.locale()).isEqualTo("pt-BR");
        assertThat(content.title()).isEqualTo("Şifrenizi sıfırlama: adım 1!");
        assertThat(content.tags()).containsExactly("billing", "faq");
        assertThat(content.sourceUrl()).isNull();
        assertThat(ArticleValidation.validate(new ArticleInput(null, null, "Plans", "Body", null, null, null)).locale())
                .isEqualTo("en");
    }

    @Test
    void namesEveryInvalidField() {
        InvalidInput invalid = catchThrowableOfType(InvalidInput.class, () -> ArticleValidation.validate(new ArticleInput(
                "Not A Slug", "english!", "x".repeat(201), " ", IntStream.range(0, 21).mapToObj(i -> "t" + i).toList(),
                "ftp://example.com/file", "-bad-"))) ;

        assertThat(invalid.code()).isEqualTo("validation_failed");
        assertThat(invalid.fields()).containsOnlyKeys("title", "slug", "locale", "body", "tags", "sourceUrl", "translationOf");
        assertThat(invalid.fields().get("tags")).contains("at most 20");
        assertThat(invalid.getMessage()).startsWith("Invalid request: title must be at most 200");
    }

    @Test
    void aTitleWithoutLatinLettersNeedsAnExplicitSlug() {
        InvalidInput invalid = catchThrowableOfType(InvalidInput.class,
                () -> ArticleValidation.validate(new ArticleInput(null, "fa", "بازنشانی رمز عبور", "متن", null, null, null)));

        assertThat(invalid.fields()).containsOnlyKeys("slug");
        assertThat(ArticleValidation.validate(new ArticleInput("resetting-your-password-fa", "fa", "بازنشانی رمز عبور",
                "متن", Collections.emptyList(), "https://example.com/a", "resetting-your-password")).slug())
                .isEqualTo("resetting-your-password-fa");
    }

    @Test
    void longTitlesMakeSlugsOfAtMost120Characters() {
        String slug = ArticleValidation.slugify("word ".repeat(60));

        assertThat(slug).hasSizeLessThanOrEqualTo(120).doesNotEndWith("-").startsWith("word-word");
    }
}
