package org.civic311.portal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.common.RateLimit;
import org.civic311.requests.Note;
import org.civic311.requests.ServiceRequest;
import org.civic311.requests.ServiceRequests;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A request's public page: its type, status, ward, dates, public photos and public history. Built from the public
 * view of a request, which holds no reporter, so nothing personal can reach it.
 */
@Controller
class TrackingPage {

    private final ServiceRequests requests;
    private final org.civic311.requests.RequestWork work;
    private final Catalog catalog;
    private final MapTiles tiles;
    private final RateLimit followLimit;
    private final java.time.Clock clock;

    TrackingPage(
            ServiceRequests requests,
            org.civic311.requests.RequestWork work,
            Catalog catalog,
            MapTiles tiles,
            @org.springframework.beans.factory.annotation.Value("${civic311.portal.follows-per-hour:30}")
                    int followsPerHour,
            java.time.Clock clock) {
        this.tiles = tiles;
        this.clock = clock;
        this.followLimit = RateLimit.perHour(followsPerHour);
        this.requests = requests;
        this.work = work;
        this.catalog = catalog;
    }

    /** The tracking form's answer: straight to the request's page. */
    @GetMapping("/requests")
    String find(@RequestParam(defaultValue = "") String number) {
        // Read out in groups ("1000 123"), it is the same number.
        String clean = number.replaceAll("\\s+", "");
        if (!clean.matches("[A-Za-z0-9-]{1,40}")) {
            throw new PortalProblem(HttpStatus.BAD_REQUEST, "request.bad-number");
        }
        return "redirect:/requests/" + clean;
    }

    @GetMapping("/requests/{publicId}")
    String request(
            @PathVariable String publicId,
            @RequestParam(required = false) @org.jspecify.annotations.Nullable String followed,
            Locale locale,
            Model model) {
        // Said by the address the follow form sends back to (a flash attribute would write a session for it).
        if ("EMAIL".equals(followed) || "SMS".equals(followed)) {
            model.addAttribute("followed", followed);
        }
        return request(publicId, locale, model);
    }

    private String request(String publicId, Locale locale, Model model) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        if (!publicId.matches("[A-Za-z0-9-]{1,40}")) {
            throw new PortalProblem(HttpStatus.NOT_FOUND, "request.not-found", publicId);
        }
        // Typed in the other case ("imp-12" for "IMP-12"), it is the same number too.
        ServiceRequest request = requests.find(jurisdiction.id(), publicId)
                .or(() -> requests.find(jurisdiction.id(), publicId.toUpperCase(Locale.ROOT)))
                .or(() -> requests.find(jurisdiction.id(), publicId.toLowerCase(Locale.ROOT)))
                .map(ServiceRequest::publicView)
                .orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "request.not-found", publicId));
        ZoneId zone = jurisdiction.timeZone();
        List<Note> notes = requests.publicNotes(List.of(request.id())).getOrDefault(request.id(), List.of());
        model.addAttribute("request", request);
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute(
                "status",
                jurisdiction.status(request.statusCode()).map(s -> s.name()).orElse(request.statusCode()));
        model.addAttribute(
                "ward",
                request.wardCode() == null
                        ? null
                        : catalog.wards(jurisdiction.id()).stream()
                                .filter(w -> w.code().equals(request.wardCode()))
                                .map(w -> w.name())
                                .findFirst()
                                .orElse(request.wardCode()));
        model.addAttribute("notes", notes);
        // A date already past is not left standing as if it still held: the page says the work is late.
        model.addAttribute(
                "overdue",
                !request.closed()
                        && request.expectedAt() != null
                        && request.expectedAt().isBefore(clock.instant()));
        // A closed request of a type the city still takes can be reported again from its page; not one about a
        // home, whose public place is only an area, so that the new report could not be placed where it was.
        model.addAttribute(
                "reportAgain",
                !request.locationPrivate()
                        && catalog.serviceType(jurisdiction.id(), request.serviceCode())
                                .filter(t -> t.offeredToResidents() && !t.privateLocation())
                                .isPresent());
        model.addAttribute(
                "photos",
                request.mediaUrls().stream()
                        .filter(u -> u.startsWith("/media/"))
                        .map(u -> new Photo(u, org.civic311.media.MediaStore.thumbnailUrl(u)))
                        .toList());
        model.addAttribute("when", new Times(zone, PortalLocales.language(locale)));
        tiles.addTo(model, request.jurisdictionId());
        return "portal/request";
    }

    /**
     * Follow the request by email or text message: a confirmation link goes to the address first (double opt-in).
     */
    @org.springframework.web.bind.annotation.PostMapping("/requests/{publicId}/follow")
    String follow(
            @PathVariable String publicId,
            @RequestParam(defaultValue = "") String address,
            Locale locale,
            Model model,
            jakarta.servlet.http.HttpServletRequest http,
            jakarta.servlet.http.HttpServletResponse response) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        if (!publicId.matches("[A-Za-z0-9-]{1,40}")) {
            throw new PortalProblem(HttpStatus.NOT_FOUND, "request.not-found", publicId);
        }
        // Each follow sends a message (a text costs the city money): a client gets a few per hour, not thousands.
        var wait = followLimit.take(RateLimit.clientOf(http.getRemoteAddr()));
        if (wait.isPresent()) {
            long seconds = wait.get().toSeconds();
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", String.valueOf(seconds));
            model.addAttribute("followLimited", true);
            return request(publicId, locale, model);
        }
        String followed;
        try {
            followed = work.requestToFollow(jurisdiction.id(), publicId, address, PortalLocales.language(locale))
                    .name();
        } catch (org.civic311.common.InvalidInputException e) {
            // Answered on the spot rather than through a redirect's flash, which would keep the address typed in a
            // session: given back to correct, not to type again.
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("followError", true);
            model.addAttribute("followStopped", e instanceof org.civic311.requests.TextMessagesStopped);
            model.addAttribute("followAddress", address.length() > 320 ? address.substring(0, 320) : address);
            return request(publicId, locale, model);
        } catch (org.civic311.common.NotFoundException e) {
            throw new PortalProblem(HttpStatus.NOT_FOUND, "request.not-found", publicId);
        }
        // Back where the resident was, to what the page says of their follow: not at its top, unheard.
        return "redirect:/requests/" + publicId + "?followed=" + followed + "#follow";
    }

    /**
     * The link of the confirmation message only asks: mail scanners and link previews open links, and a follow they
     * opened would defeat the confirmation. The button on the page confirms.
     */
    @GetMapping("/follow/{token}")
    String askToConfirm(@PathVariable String token, Model model) {
        if (!token.matches("[0-9a-fA-F-]{36}")) {
            throw new PortalProblem(HttpStatus.NOT_FOUND, "follow.expired");
        }
        model.addAttribute("jurisdiction", catalog.resolveJurisdiction(null));
        model.addAttribute("token", token);
        return "portal/follow-confirm";
    }

    @org.springframework.web.bind.annotation.PostMapping("/follow/{token}")
    String confirm(@PathVariable String token, Model model) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        String publicId =
                work.confirmFollow(token).orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "follow.expired"));
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("publicId", publicId);
        return "portal/following";
    }

    /** A public photo, shown as its thumbnail linking to the full image. */
    record Photo(String url, String thumbnail) {}

    /** Dates in the city's time zone, as residents read them in their language. */
    record Times(ZoneId zone, String language) {
        public String format(java.time.@Nullable Instant instant) {
            if (instant == null) {
                return "";
            }
            if (language.equals("fr")) {
                return DateTimeFormatter.ofPattern("d MMMM yyyy, HH 'h' mm", Locale.FRENCH)
                        .format(instant.atZone(zone));
            }
            return DateTimeFormatter.ofPattern("d MMMM yyyy, h:mm a", Locale.ENGLISH)
                    .format(instant.atZone(zone))
                    .replace("AM", "am")
                    .replace("PM", "pm");
        }
    }
}
