package org.civic311.notifications;

import org.civic311.requests.RequestWork;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The "stop following" link of every message. Opening the link only asks (mail scanners open links); the button
 * on the page stops the messages, and the link then says they are stopped however often it is opened or the button
 * pressed again.
 */
@Controller
class UnfollowController {

    private final RequestWork work;

    UnfollowController(RequestWork work) {
        this.work = work;
    }

    @GetMapping("/unfollow/{token}")
    String ask(@PathVariable String token, Model model) {
        var following = work.following(token);
        model.addAttribute("token", token);
        model.addAttribute("publicId", following.map(f -> f.publicId()).orElse(null));
        if (following.isPresent() && !following.get().stopped()) {
            return "unfollow";
        }
        model.addAttribute("done", following.isPresent());
        return "unfollowed";
    }

    @PostMapping("/unfollow/{token}")
    String unfollow(@PathVariable String token) {
        work.unfollow(token);
        // Post, then show: a reload or a second tap on the button reads the same answer.
        return "redirect:/unfollow/{token}";
    }
}
