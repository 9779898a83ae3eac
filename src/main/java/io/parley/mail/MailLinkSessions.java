package io.parley.mail;

import java.util.UUID;

import io.parley.chat.Conversation;
import io.parley.chat.Conversations;
import io.parley.customer.Customer;
import io.parley.customer.CustomerSessions;
import io.parley.customer.Customers;
import io.parley.customer.SessionRequest;
import io.parley.customer.WidgetSession;

import org.springframework.stereotype.Service;

/**
 * Following a mail's signed link: the widget hands the link over and gets the conversation back. An anonymous
 * visitor gets a widget session for that visitor (the link is their only way back: another browser, a cleared
 * storage); an identified customer is identified by the host application as always (a link never signs anyone in to
 * the host's accounts), so only the conversation id comes back.
 */
@Service
public class MailLinkSessions {

    private final MailLinks links;
    private final Conversations conversations;
    private final Customers customers;
    private final CustomerSessions sessions;

    MailLinkSessions(MailLinks links, Conversations conversations, Customers customers, CustomerSessions sessions) {
        this.links = links;
        this.conversations = conversations;
        this.customers = customers;
        this.sessions = sessions;
    }

    /**
     * @param session the visitor's widget session, null for an identified customer
     */
    public record Opened(UUID conversationId, boolean identified, WidgetSession session) {
    }

    public Opened open(String link) {
        MailLinks.Target target = links.verify(link)
                .orElseThrow(() -> new MailError(401, "link_invalid", "The link is invalid or has expired"));
        Conversation conversation;
        try {
            conversation = conversations.get(target.conversationId());
        }
        catch (io.parley.chat.ChatException e) {
            throw new MailError(404, "conversation_gone", "The conversation of this link no longer exists");
        }
        // a visitor identified since the mail: the conversation followed them, and so does the link
        Customer customer = customers.findById(conversation.customerId())
                .orElseThrow(() -> new MailError(404, "conversation_gone", "The conversation of this link no longer exists"));
        if (!conversation.customerId().equals(target.customerId()) && !customer.identified()) {
            throw new MailError(401, "link_invalid", "The link is invalid or has expired");
        }
        if (customer.identified()) {
            return new Opened(conversation.id(), true, null);
        }
        WidgetSession session = sessions.start(new SessionRequest(customer.visitorId(), null, null, null, null, null));
        return new Opened(conversation.id(), false, session);
    }
}
