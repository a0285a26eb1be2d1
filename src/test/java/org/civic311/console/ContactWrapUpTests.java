package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.contacts.Contact;
import org.civic311.contacts.ContactKind;
import org.civic311.contacts.Contacts;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A contact left open is wrapped up, by its agent or, once they have gone, by a supervisor who says so. */
@Civic311Test
class ContactWrapUpTests {

    @LocalServerPort
    int port;

    @Autowired
    Contacts contacts;

    private static Http.Response wrapUp(Http who, long id, String code, String note) {
        String page = "/staff/contacts/" + id;
        return who.postForm(
                page + "/wrap-up",
                List.of(
                        Map.entry("code", code),
                        Map.entry("note", note),
                        Map.entry("_csrf", who.csrf("/staff/contacts"))));
    }

    @Test
    void aSupervisorWrapsUpACallAColleagueLeftOpenInTheirNameSayingWhoDid() {
        Contact left = contacts.start("toronto.ca", ContactKind.PHONE_CALL, "agent");
        Http jordan = Http.browser(port);
        jordan.signIn("agent2", "civic311-demo", null);
        assertThat(wrapUp(jordan, left.id(), "DROPPED", "").status())
                .as("another agent's call is not theirs to end")
                .isEqualTo(403);

        Http priya = Http.browser(port);
        priya.signIn("supervisor", "civic311-demo", null);
        assertThat(wrapUp(priya, left.id(), "DROPPED", "Sam went home mid-call").status())
                .isEqualTo(302);
        Contact ended = contacts.find("toronto.ca", left.id());
        assertThat(ended.isOpen()).isFalse();
        assertThat(ended.agent()).as("still counted as Sam's call").isEqualTo("agent");
        assertThat(ended.wrapUpNote()).startsWith("Wrapped up by ").endsWith(" for agent: Sam went home mid-call");
    }
}
