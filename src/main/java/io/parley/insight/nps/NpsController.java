package io.parley.insight.nps;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.parley.core.ParleyPrincipal;
import io.parley.insight.InsightProperties;
import io.parley.insight.ReportPeriod;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * NPS over REST: the customer's answer under {@code /api/widget/nps/...} (CUSTOMER), results and the detractor
 * follow-up list under {@code /api/insights/nps/...} (AGENT).
 */
@RestController
class NpsController {

    private final NpsSurveys surveys;
    private final NpsResults results;
    private final InsightProperties properties;
    private final Clock clock;

    NpsController(NpsSurveys surveys, NpsResults results, InsightProperties properties, Clock clock) {
        this.surveys = surveys;
        this.results = results;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/widget/nps/{surveyId}")
    NpsSurveys.SurveyView survey(@AuthenticationPrincipal ParleyPrincipal customer, @PathVariable UUID surveyId) {
        return surveys.view(UUID.fromString(customer.id()), surveyId);
    }

    @PostMapping("/api/widget/nps/{surveyId}")
    @ResponseStatus(HttpStatus.CREATED)
    Answered answer(@AuthenticationPrincipal ParleyPrincipal customer, @PathVariable UUID surveyId,
            @RequestBody NpsSurveys.Answer answer) {
        NpsReceived received = surveys.answer(UUID.fromString(customer.id()), surveyId, answer);
        return new Answered(surveyId, received.score(), received.category());
    }

    /** @param category promoter, passive or detractor */
    record Answered(UUID surveyId, int score, String category) {
    }

    @GetMapping("/api/insights/nps")
    NpsResults.Summary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String locale) {
        return results.summary(period(from, to, locale));
    }

    @GetMapping("/api/insights/nps/detractors")
    List<NpsResults.Detractor> detractors(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String locale,
            @RequestParam(required = false) Boolean followedUp) {
        return results.detractors(period(from, to, locale), followedUp);
    }

    record FollowUp(String note) {
    }

    @PostMapping("/api/insights/nps/responses/{responseId}/follow-up")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void followUp(@AuthenticationPrincipal ParleyPrincipal staff, @PathVariable UUID responseId,
            @RequestBody(required = false) FollowUp body) {
        results.followUp(responseId, staff.displayName() != null ? staff.displayName() : staff.getName(),
                body == null ? null : body.note());
    }

    private ReportPeriod period(String from, String to, String locale) {
        return ReportPeriod.parse(from, to, locale, properties.metrics().zone(), clock);
    }
}
