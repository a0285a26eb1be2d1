package org.civic311.notifications;

import org.civic311.requests.RequestWork;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The "stop following" link of every message. Opening the link only asks (mail scanners open links); the button
 * on the page stops the messages.
 */
@Controller
class UnfollowController {

    private final RequestWork work;

    UnfollowController(RequestWork work) {
        this.work = work;
    }

    @GetMapping("/unfollow/{token}")
    String ask(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        return "unfollow";
    }

    @PostMapping("/unfollow/{token}")
    String unfollow(@PathVariable String token, Model model) {
        model.addAttribute("done", work.unfollow(token));
        return "unfollowed";
    }
}
