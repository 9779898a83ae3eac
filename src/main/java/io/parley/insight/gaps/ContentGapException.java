package io.parley.insight.gaps;

import java.util.UUID;

import io.parley.core.ParleyException;

class ContentGapException extends ParleyException {

    ContentGapException(int status, String code, String message) {
        super(status, code, message);
    }

    static ContentGapException notFound(UUID id) {
        return new ContentGapException(404, "content_gap_not_found", "Unknown content gap group " + id);
    }

    static ContentGapException articleNotFound(UUID id) {
        return new ContentGapException(404, "article_not_found", "Unknown article " + id);
    }
}
