package io.parley.insight.gaps;

import java.util.List;
import java.util.UUID;

import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The writers' list of unanswered questions and article helpfulness (WRITER role; see SecurityConfiguration). */
@RestController
@RequestMapping("/api/insights/content-gaps")
class ContentGapController {

    private final ContentGaps gaps;

    ContentGapController(ContentGaps gaps) {
        this.gaps = gaps;
    }

    @GetMapping
    List<GapGroup> list(@RequestParam(defaultValue = "open") String status, @RequestParam(required = false) String locale,
            @RequestParam(defaultValue = "50") int limit) {
        Boolean addressed = switch (status) {
            case "open" -> false;
            case "addressed" -> true;
            case "all" -> null;
            default -> throw InvalidInput.field("status", "must be open, addressed or all");
        };
        return gaps.groups(addressed, locale, limit);
    }

    @GetMapping("/{id}")
    GapGroup get(@PathVariable UUID id) {
        return gaps.group(id);
    }

    @PostMapping("/{id}/address")
    GapGroup address(@AuthenticationPrincipal ParleyPrincipal writer, @PathVariable UUID id,
            @RequestBody AddressRequest request) {
        if (request.articleId() == null) {
            throw InvalidInput.field("articleId", "is required: the article that answers these questions");
        }
        return gaps.address(id, request.articleId(), writer.displayName());
    }

    @DeleteMapping("/{id}/address")
    GapGroup reopen(@PathVariable UUID id) {
        return gaps.reopen(id);
    }

    @GetMapping("/article-usage")
    List<ArticleUsage> usage() {
        return gaps.usage();
    }

    @GetMapping("/article-usage/{articleId}")
    ArticleUsage usage(@PathVariable UUID articleId) {
        return gaps.usage(articleId);
    }

    record AddressRequest(UUID articleId) {
    }
}
