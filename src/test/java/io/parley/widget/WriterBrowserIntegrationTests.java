package io.parley.widget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.chat.Author;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.MessagePosted;
import io.parley.chat.PostMessage;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer pages at {@code /writer} in a real headless Chromium, with the bot on: a writer signs in, writes and
 * publishes an article that the widget's bot then cites, tests a question, restores a revision, and starts an
 * article from a content gap. Each step leaves a screenshot under target/screenshots/.
 */
@BrowserTest
@ParleyIntegrationTest
class WriterBrowserIntegrationTests {

    static final String SLUG = "jira-integration";
    static final String TITLE = "Connecting Jira to Tasklane";
    static final String BODY = """
            The Jira integration links Jira issues to Tasklane tasks and keeps their status in sync. It's available \
            on the **Business** and **Enterprise** plans.

            ## Connecting Jira
            A workspace Owner or Admin connects Jira Cloud:
            1. Go to **Settings > Integrations > Jira** and click **Connect Jira**.
            2. Sign in to Atlassian and choose your Jira site.
            3. Pick the Jira projects to link, then click **Save**.

            ## Syncing issues
            Paste a Jira issue key such as **PROJ-12** into a task to link it. Status changes in Jira move the task \
            between columns in Tasklane.
            """;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Conversations conversations;

    Browser writer;
    Browser customer;
    String createdId;

    @AfterEach
    void cleanUp() {
        if (writer != null) {
            writer.close();
        }
        if (customer != null) {
            customer.close();
        }
        // other test classes share the database: leave no published article behind
        if (createdId != null) {
            Api api = new Api(port);
            api.delete("/api/articles/" + createdId, api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD));
        }
    }

    @Test
    void aWriterPublishesAnArticleTheBotCitesTestsAQuestionAndRestoresARevision() {
        writer = Browser.start("writer-1");
        writer.resize(1400, 1000);
        writer.driver.get(url("/writer"));

        // sign in: a wrong password is a clear error, the right one opens the article list
        type("#login-email", ParleyIntegrationTest.ADMIN_EMAIL);
        type("#login-password", "wrong-password");
        el("#login-submit").click();
        assertThat(waitVisible("#login-error").getText()).containsIgnoringCase("password");
        writer.screenshot("login-error");
        el("#login-password").clear();
        type("#login-password", ParleyIntegrationTest.ADMIN_PASSWORD);
        el("#login-submit").click();
        waitVisible("#article-table tbody tr");
        assertThat(writer.driver.findElements(By.cssSelector("#article-table tbody tr"))).hasSize(20);
        assertThat(el("#list-summary").getText()).contains("of ");
        writer.screenshot("article-list");

        // search and filters
        type("#filter-q", "password");
        writer.waitFor(d -> rows().stream().allMatch(r -> r.toLowerCase().contains("password")) && !rows().isEmpty());
        assertThat(slugs()).contains("resetting-your-password");
        select("#filter-locale", "tr");
        writer.waitFor(d -> slugs().isEmpty() || slugs().stream().noneMatch("resetting-your-password"::equals));
        el("#filter-q").clear();
        type("#filter-q", " ");
        select("#filter-locale", "");
        writer.screenshot("article-list-filtered");

        // a new article: saving without a title names the field
        el("#new-article").click();
        WebElement body = waitVisible("#f-body");
        body.sendKeys(BODY);
        writer.waitFor(d -> el("#preview-body h2").getText().equals("Connecting Jira"));
        assertThat(el("#preview-body strong").getText()).isEqualTo("Business");
        el("#save").click();
        WebElement titleError = waitVisible("#err-title");
        assertThat(titleError.getText()).contains("Title").contains("must not be blank");
        assertThat(el("#f-title").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(el("#f-title").getAttribute("aria-describedby")).contains("err-title");
        writer.screenshot("field-error");

        type("#f-title", TITLE);
        type("#f-slug", SLUG);
        type("#f-tags", "integrations, jira");
        el("#f-body").sendKeys(Keys.chord(Keys.CONTROL, "s"));
        writer.waitFor(d -> d.getCurrentUrl().matches(".*#/articles/[0-9a-f-]{36}$"));
        createdId = writer.driver.getCurrentUrl().replaceAll(".*#/articles/", "");
        writer.waitFor(d -> el("#status").getText().equals("draft"));
        top();
        writer.screenshot("editor-draft");

        // publish, and the widget's bot cites it right away
        el("#publish").click();
        writer.waitFor(d -> el("#status").getText().equals("published"));
        writer.waitFor(d -> d.findElements(By.cssSelector("#revisions li")).size() == 2);
        top();
        writer.screenshot("editor-published");

        customer = Browser.start("writer-2-widget").open(url("/"));
        customer.click(".launcher");
        customer.click(".new-conversation");
        WebElement composer = customer.find("textarea.composer-input");
        composer.sendKeys("How do I connect Jira to Tasklane?");
        composer.sendKeys(Keys.ENTER);
        WebElement source = customer.waitFor(d -> customer.all(".msg-bot a.source").stream()
                .filter(a -> a.getAttribute("href").endsWith("/help/en/" + SLUG)).findFirst().orElse(null), Duration.ofSeconds(30));
        assertThat(source.getText()).contains(TITLE);
        customer.screenshot("bot-cites-new-article");

        // test a question: the decision, the answer and the sources with their scores
        writer.driver.get(url("/writer#/test"));
        type("#f-question", "How do I connect Jira to Tasklane?");
        el("#ask").click();
        WebElement action = waitVisible("#decision-action");
        assertThat(action.getAttribute("data-action")).isEqualTo("answer");
        assertThat(el("#decision-reason").getText()).contains("confident");
        assertThat(el("#bot-reply").getText()).contains("Did that answer your question?");
        WebElement cited = el("#sources tr.cited");
        assertThat(cited.getAttribute("data-slug")).isEqualTo(SLUG);
        assertThat(cited.getText()).contains("answered from");
        assertThat(writer.driver.findElements(By.cssSelector("#sources tr.source")).size()).isGreaterThan(1);
        writer.screenshot("test-a-question");

        // the writer's verdict on it is stored as an answer label (for the calibration)
        el("#verdict button[data-verdict='right_article']").click();
        writer.waitFor(d -> el("#verdict-status").getText().startsWith("Saved: right article"));
        assertThat(el("#verdict-article").getAttribute("value")).isEqualTo("en/" + SLUG);
        JsonNode labels = new Api(port).get("/api/assistant/labels?locale=en&limit=200",
                new Api(port).login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD)).json();
        assertThat(labels.get("labels").valueStream().filter(l -> "How do I connect Jira to Tasklane?".equals(l.get("query").asString())))
                .singleElement().satisfies(l -> {
                    assertThat(l.get("articleSlug").asString()).isEqualTo(SLUG);
                    assertThat(l.get("verdict").asString()).isEqualTo("right_article");
                    assertThat(l.get("source").asString()).isEqualTo("writer_verdict");
                });

        type("#f-question", Keys.chord(Keys.CONTROL, "a") + "I was charged twice, I want a refund");
        // the verdict control scrolled the page: bring the button out from under the sticky top bar
        ((org.openqa.selenium.JavascriptExecutor) writer.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", el("#ask"));
        el("#ask").click();
        writer.waitFor(d -> "handoff".equals(el("#decision-action").getAttribute("data-action")));
        assertThat(el("#decision-reason").getText()).contains("billing_dispute");
        writer.screenshot("test-a-question-handoff");

        // edit, then restore the first revision
        writer.driver.get(url("/writer#/articles/" + createdId));
        WebElement editBody = waitVisible("#f-body");
        editBody.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\n\nThis paragraph is a mistake.");
        el("#save").click();
        writer.waitFor(d -> d.findElements(By.cssSelector("#revisions li")).size() == 3);
        assertThat(el("#f-body").getAttribute("value")).contains("This paragraph is a mistake.");
        // the "saved" toast covers the bottom corner where the button is until it goes (4 s)
        writer.waitFor(d -> d.findElements(By.cssSelector("#toasts .toast")).isEmpty());
        ((org.openqa.selenium.JavascriptExecutor) writer.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                el("#revisions li[data-revision='1'] .restore"));
        el("#revisions li[data-revision='1'] .restore").click();
        WebElement confirm = waitVisible("dialog [data-action='confirm']");
        writer.screenshot("restore-confirm");
        confirm.click();
        writer.waitFor(d -> d.findElements(By.cssSelector("#revisions li")).size() == 4);
        assertThat(el("#f-body").getAttribute("value")).doesNotContain("mistake").contains("Connecting Jira");
        assertThat(el("#revisions li[data-revision='4']").getText()).contains("restored from #1");
        assertThat(el("#status").getText()).isEqualTo("published");
        top();
        writer.screenshot("revision-restored");

        JsonNode stored = new Api(port).get("/api/articles/" + createdId,
                new Api(port).login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD)).json();
        assertThat(stored.get("body").asString()).doesNotContain("mistake");
        assertThat(stored.get("version").asInt()).isEqualTo(3);
    }

    @Test
    void anUnansweredQuestionFromTheWidgetShowsAsAContentGapAndStartsAnArticle() {
        String question = "Can I print my task board as a wall poster?";
        customer = Browser.start("writer-3-gap-widget").open(url("/"));
        customer.click(".launcher");
        customer.click(".new-conversation");
        int greetings = customer.all(".msg-bot").size();
        WebElement composer = customer.find("textarea.composer-input");
        composer.sendKeys(question);
        composer.sendKeys(Keys.ENTER);
        customer.waitFor(d -> customer.all(".msg-bot").size() > greetings, Duration.ofSeconds(30));
        customer.screenshot("bot-does-not-know");
        Api api = new Api(port);
        String token = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        JsonNode recorded = customer.waitFor(d -> gapWith(api, token, question), Duration.ofSeconds(30));

        // two more customers ask the same thing in other words; an agent answers the first one
        for (String similar : List.of("Is there a way to print the task board?", "How do I print my board on paper?")) {
            UUID conversation = UUID.randomUUID();
            events.publishEvent(new MessagePosted(conversation, UUID.randomUUID(), new ChatMessage(UUID.randomUUID(), conversation, 2,
                    Author.bot("Parley"), "I'm not sure.", new MessageContent.DontKnow("en", similar, null, null, null), null, Instant.now())));
        }
        String agentReply = "Yes! Open the board, click ⋯ > Print, and pick A3 or poster size. Hidden columns are left out.";
        conversations.post(new PostMessage(UUID.fromString(recorded.get("examples").get(0).get("conversationId").asString()),
                Author.agent("a-1", "Alice"), agentReply, null, null));
        customer.waitFor(d -> {
            JsonNode g = gapWith(api, token, question);
            return g != null && g.get("count").asInt() == 3 && g.get("draft").isObject();
        }, Duration.ofSeconds(30));

        writer = Browser.start("writer-4-gaps");
        writer.resize(1400, 1000);
        writer.driver.get(url("/writer#/gaps"));
        type("#login-email", ParleyIntegrationTest.ADMIN_EMAIL);
        type("#login-password", ParleyIntegrationTest.ADMIN_PASSWORD);
        el("#login-submit").click();
        WebElement gap = writer.waitFor(d -> d.findElements(By.cssSelector("#gap-list article.gap")).stream()
                .filter(g -> g.getText().contains(question)).findFirst().orElse(null));
        assertThat(gap.getText()).contains("3 not answered").contains("en 3").contains("How do I print my board on paper?");
        gap.findElement(By.cssSelector("details.draft summary")).click();
        writer.waitFor(d -> gap.findElement(By.cssSelector("details.draft blockquote")).getText().equals(agentReply));
        writer.screenshot("content-gaps");

        gap.findElement(By.cssSelector(".start-article")).click();
        WebElement title = waitVisible("#f-title");
        writer.waitFor(d -> question.equals(title.getAttribute("value")));
        assertThat(el("#f-body").getAttribute("value")).startsWith(agentReply).contains("Is there a way to print the task board?");
        assertThat(el("#link-gap").isSelected()).isTrue();
        top();
        writer.waitFor(d -> el("#preview-body").getText().contains("Hidden columns are left out."));
        writer.screenshot("start-article-from-gap");

        // leaving with unsaved changes asks first; "keep editing" stays
        el("a[data-nav='articles']").click();
        WebElement keep = waitVisible("dialog [data-action='cancel']");
        writer.screenshot("unsaved-changes-guard");
        keep.click();
        assertThat(writer.driver.getCurrentUrl()).contains("#/articles/new?gap=");
        assertThat(el("#f-title").getAttribute("value")).isEqualTo(question);

        // "discard" leaves; then the group is marked addressed by an existing article instead
        el("a[data-nav='gaps']").click();
        waitVisible("dialog [data-action='confirm']").click();
        WebElement open = writer.waitFor(d -> d.findElements(By.cssSelector("#gap-list article.gap")).stream()
                .filter(g -> g.getText().contains(question)).findFirst().orElse(null));
        open.findElement(By.cssSelector(".mark-addressed")).click();
        WebElement search = waitVisible("#link-search");
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Exporting projects");
        writer.waitFor(d -> d.findElements(By.cssSelector("dialog input[type=radio]")).size() == 1);
        el("dialog input[type=radio]").click();
        writer.screenshot("mark-addressed");
        el("dialog [data-action='confirm']").click();
        writer.waitFor(d -> d.findElements(By.cssSelector("#gap-list article.gap")).stream().noneMatch(g -> g.getText().contains(question)));
        select("#gap-status", "addressed");
        WebElement addressed = writer.waitFor(d -> d.findElements(By.cssSelector("#gap-list article.gap")).stream()
                .filter(g -> g.getText().contains(question)).findFirst().orElse(null));
        assertThat(addressed.findElement(By.cssSelector(".addressed")).getText())
                .contains("Exporting projects and workspace data").contains("shown 0, helpful 0, unhelpful 0");
        writer.screenshot("content-gap-addressed");
    }

    /** The content gap (as the list shows it) holding {@code question}, or null. */
    private static JsonNode gapWith(Api api, String token, String question) {
        for (JsonNode g : api.get("/api/insights/content-gaps?limit=200", token).json()) {
            for (JsonNode q : g.get("examples")) {
                if (q.get("question").asString().equals(question)) {
                    return g;
                }
            }
        }
        return null;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void top() {
        writer.js("window.scrollTo(0, 0); document.querySelector('.side')?.scrollTo(0, 0)");
    }

    private WebElement el(String css) {
        return writer.waitFor(d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            return e.isDisplayed() ? e : null;
        });
    }

    private WebElement waitVisible(String css) {
        return el(css);
    }

    private void type(String css, CharSequence text) {
        el(css).sendKeys(text);
    }

    private void select(String css, String value) {
        writer.js("const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));", css, value);
    }

    @SuppressWarnings("unchecked")
    private List<String> rows() {
        return (List<String>) writer.js("return [...document.querySelectorAll('#article-table tbody tr')].map(r => r.textContent)");
    }

    @SuppressWarnings("unchecked")
    private List<String> slugs() {
        return (List<String>) writer.js("return [...document.querySelectorAll('#article-table tbody tr')].map(r => r.dataset.slug)");
    }

}
