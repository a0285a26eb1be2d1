package org.civic311.portal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.ServiceAttribute;
import org.civic311.catalog.ServiceType;
import org.civic311.common.FormKeys;
import org.civic311.common.InvalidInputException;
import org.civic311.media.MediaStore;
import org.civic311.requests.Channel;
import org.civic311.requests.EmergencyException;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.ServiceRequest;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.SubmittedRequest;
import org.civic311.requests.Upload;
import org.civic311.triage.Triage;
import org.civic311.triage.TriageResult;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Reporting a problem: in the resident's own words (triage suggests the type, and stops an emergency with "Call 911
 * now") or from the catalogue; then the type's questions, the place by address or map pin, photos, and contact details
 * only if the resident wants to give them. The report goes through the same intake as every channel.
 */
@Controller
class ReportPages {

    static final int MAX_PHOTOS = 4;
    static final int ADDRESS_SUGGESTIONS = 8;
    static final long MAX_PHOTO_BYTES = 20L * 1024 * 1024;

    private final Catalog catalog;
    private final Triage triage;
    private final ServiceRequests requests;
    private final MediaStore media;
    private final MapTiles tiles;
    private final org.springframework.context.MessageSource messages;
    private final PortalLimits limits;

    private final org.civic311.privacy.ResidentData residents;

    ReportPages(
            Catalog catalog,
            Triage triage,
            ServiceRequests requests,
            MediaStore media,
            MapTiles tiles,
            org.springframework.context.MessageSource messages,
            PortalLimits limits,
            org.civic311.privacy.ResidentData residents) {
        this.residents = residents;
        this.limits = limits;
        this.tiles = tiles;
        this.messages = messages;
        this.catalog = catalog;
        this.triage = triage;
        this.requests = requests;
        this.media = media;
    }

    /**
     * The resident's words come by POST from our own form, so that they stay out of addresses: a browser's history on
     * a library's computer, and the logs of every proxy on the way. A GET with them still works for a city's own links.
     */
    @RequestMapping(
            value = "/report",
            method = {RequestMethod.GET, RequestMethod.POST})
    String start(
            @RequestParam(required = false) @Nullable String text,
            jakarta.servlet.http.HttpServletRequest http,
            Model model) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("text", text == null ? "" : text);
        if (text != null && !text.isBlank()) {
            limits.lookup(http);
            try {
                TriageResult assessed = triage.assessForResidents(text, jurisdiction.id());
                if (assessed.reportsEmergency()) {
                    inTheirLanguage(assessed.language(), model);
                    return "portal/emergency";
                }
                model.addAttribute("suggestions", assessed.suggestions());
            } catch (InvalidInputException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        Map<String, List<ServiceType>> groups = new TreeMap<>();
        catalog.activeServiceTypes(jurisdiction.id()).stream()
                .filter(ServiceType::offeredToResidents)
                .forEach(type -> groups.computeIfAbsent(type.group(), g -> new ArrayList<>())
                        .add(type));
        model.addAttribute("groups", groups);
        return "portal/report";
    }

    /** A type chosen on the page of suggestions: its form, with the words the resident had typed, which came by POST. */
    @PostMapping("/report/chosen")
    String chosen(
            @RequestParam(defaultValue = "") String code,
            @RequestParam(required = false) @Nullable String text,
            jakarta.servlet.http.HttpServletRequest http,
            Model model) {
        if (text == null || text.isBlank()) {
            type(catalog.resolveJurisdiction(null), code);
            return "redirect:/report/" + code;
        }
        return form(code, text, null, http, model);
    }

    @GetMapping("/report/{code}")
    String form(
            @PathVariable String code,
            @RequestParam(required = false) @Nullable String text,
            @RequestParam(required = false) @Nullable String again,
            jakarta.servlet.http.HttpServletRequest http,
            Model model) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        ServiceType type = type(jurisdiction, code);
        if (again != null && again.matches("[A-Za-z0-9-]{1,40}") && !type.privateLocation()) {
            // "Still a problem" on a closed request's page: the same problem at the same place, reported anew (it
            // is then counted with the earlier reports there, and a repeat problem goes to the area's supervisor).
            var closed = requests.find(jurisdiction.id(), again)
                    .map(ServiceRequest::publicView)
                    .filter(r -> r.closed()
                            && !r.locationPrivate()
                            && r.serviceCode().equals(type.code()));
            if (closed.isPresent()) {
                var earlier = closed.get();
                Map<String, String> values = new LinkedHashMap<>();
                values.put("description", say("report.again.prefix", earlier.publicId()));
                values.put(
                        "address",
                        earlier.location().address() == null
                                ? ""
                                : earlier.location().address());
                if (earlier.location().hasPoint()) {
                    values.put("lat", String.valueOf(earlier.location().latitude()));
                    values.put("long", String.valueOf(earlier.location().longitude()));
                }
                return form(jurisdiction, type, values, null, model);
            }
        }
        String address = "";
        if (text != null && !text.isBlank()) {
            try {
                limits.lookup(http);
                TriageResult assessed = triage.assessForResidents(text, jurisdiction.id());
                if (assessed.address() != null) {
                    address = assessed.address().text();
                }
            } catch (InvalidInputException e) {
                // The words stay as they are; the form says what is wrong when it is sent.
            } catch (PortalLimits.TooManyRequests e) {
                // The look-up only fills in the address: past the allowance (a library's or a carrier's shared
                // address), the form comes without it rather than not at all.
            }
        }
        return form(
                jurisdiction,
                type,
                new LinkedHashMap<>(Map.of("description", text == null ? "" : text, "address", address)),
                null,
                model);
    }

    @PostMapping("/report/{code}")
    String send(
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = "photo", required = false) @Nullable List<MultipartFile> photos,
            jakarta.servlet.http.HttpServletRequest http,
            Model model) {
        // Each report is a public request, and an email to whatever address was typed into it.
        limits.report(http);
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        ServiceType type = type(jurisdiction, code);
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, list) -> values.put(name, list.isEmpty() ? "" : list.getFirst()));
        // Every choice of a question that takes several, to show them all again if the report is refused.
        model.addAttribute("chosen", form);
        try {
            List<Upload> uploads = new ArrayList<>();
            for (MultipartFile photo : photos == null ? List.<MultipartFile>of() : photos) {
                if (!photo.isEmpty()) {
                    if (uploads.size() == MAX_PHOTOS) {
                        throw new InvalidInputException("photo", "at most " + MAX_PHOTOS + " photos go with a report");
                    }
                    uploads.add(new Upload("photo", photo.getBytes()));
                }
            }
            Double lat = number("lat", values.get("lat"));
            Double lon = number("long", values.get("long"));
            String address = values.getOrDefault("address", "").strip();
            if (lat == null || lon == null) {
                // A point half given (a map that failed mid-way) counts as none: the address places the report.
                lat = null;
                lon = null;
            }
            Map<String, List<String>> answers = ServiceAttribute.answersIn(form);
            NewServiceRequest filed = new NewServiceRequest(
                    jurisdiction.id(),
                    type.code(),
                    requests.placed(
                            jurisdiction.id(), new Location(lat, lon, address.isEmpty() ? null : address, null, null)),
                    values.get("description"),
                    answers,
                    java.util.List.of(),
                    uploads,
                    new Reporter(
                            blank(values.get("firstName")),
                            blank(values.get("lastName")),
                            blank(values.get("email")),
                            blank(values.get("phone")),
                            null,
                            null),
                    Channel.WEB,
                    org.springframework.context.i18n.LocaleContextHolder.getLocale()
                            .getLanguage());
            // The form's own key: sent twice (a second click, a reload that posts again), it files one report.
            String submission = FormKeys.of(values.get("submission"));
            String key = submission == null ? null : "portal:" + submission + ":" + said(form);
            SubmittedRequest submitted = "on".equals(values.get("notAnEmergency"))
                    ? requests.submitOnceSaidNotAnEmergency(filed, key)
                    : key != null ? requests.submitOnce(filed, key) : requests.submit(filed);
            // Said by the address, not a flash attribute: that would write a session for every report.
            return "redirect:/report/sent/" + submitted.publicId()
                    + (blank(values.get("email")) != null ? "?emailed" : "");
        } catch (EmergencyException e) {
            // "Call 911" first; beneath it, the report as typed, which the resident may send again saying it is not
            // an emergency: triage takes a few ordinary reports in a hundred for one.
            model.addAttribute("emergency", true);
            inTheirLanguage(e.writtenIn(), model);
            model.addAttribute("photosAgain", photos != null && photos.stream().anyMatch(photo -> !photo.isEmpty()));
            return form(jurisdiction, type, values, null, model);
        } catch (InvalidInputException e) {
            model.addAttribute("errorField", formField(e.field()));
            String refusal = refusal(e, type);
            // A file input cannot be filled in again: the resident is told, rather than sending the report without.
            boolean photosGiven = photos != null && photos.stream().anyMatch(photo -> !photo.isEmpty());
            if (photosGiven && !"photo".equals(formField(e.field()))) {
                refusal += " " + say("report.refused.photos-again");
            }
            return form(jurisdiction, type, values, refusal, model);
        } catch (IOException e) {
            model.addAttribute("errorField", "photo");
            return form(jurisdiction, type, values, say("report.refused.photo", photoMegabytes()), model);
        }
    }

    /**
     * Why a report was refused, in the resident's language and the form's own words: intake names its fields as
     * programs do ("answers.DAMAGE is required"), which a resident should not have to read.
     */
    private String refusal(InvalidInputException e, ServiceType type) {
        String field = e.field();
        if (field.startsWith(ServiceAttribute.ANSWERS)) {
            String code = field.substring(ServiceAttribute.ANSWERS.length());
            String question = type.questions().stream()
                    .filter(q -> q.code().equals(code))
                    .map(ServiceAttribute::description)
                    .findFirst()
                    .orElse(code);
            return say("report.refused.answer", question);
        }
        return switch (field) {
            case "address" ->
                e.problem().startsWith("must name a place only")
                        ? say("report.refused.address-only")
                        : say("report.refused.location");
            case "location", "point", "latitude", "longitude", "lat", "long" -> say("report.refused.location");
            case "description" ->
                e.problem().startsWith("must be plain text")
                        ? say("report.refused.markup")
                        : say("report.refused.description", ServiceRequests.MAX_DESCRIPTION);
            case "email" ->
                e.problem().startsWith("or a phone number is needed")
                        ? say("report.refused.contact")
                        : say("report.refused.email");
            case "phone" -> say("report.refused.phone");
            case "firstName", "lastName" -> say("report.refused.name");
            case "photo", "media" -> say("report.refused.photo", photoMegabytes());
            default -> say("report.refused.other", e.getMessage());
        };
    }

    /** The form's field a refusal is about, marked invalid and tied to the message for screen readers; or none. */
    private static @Nullable String formField(String field) {
        if (field.startsWith(ServiceAttribute.ANSWERS)) {
            return field;
        }
        return switch (field) {
            case "location", "point", "latitude", "longitude", "lat", "long", "address" -> "address";
            case "description", "email", "phone", "firstName", "lastName" -> field;
            case "photo", "media" -> "photo";
            default -> null;
        };
    }

    private long photoMegabytes() {
        return Math.max(1, media.maxBytes() / (1024 * 1024));
    }

    /**
     * A digest of what the form said: with the form's key, the same report sent twice is filed once, while a form
     * the browser gave back (Back, then another problem typed over the first) files the other problem.
     */
    private static String said(MultiValueMap<String, String> form) {
        var fields = new java.util.TreeMap<String, List<String>>(form);
        fields.keySet().removeAll(java.util.Set.of("_csrf", "submission", "notAnEmergency"));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(fields.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * "Call 911" in the language the resident wrote in too, when the portal does not speak it: someone who wrote in
     * Spanish to a page in English may not read its warning.
     */
    private static void inTheirLanguage(@Nullable String writtenIn, Model model) {
        String page =
                org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage();
        if (Triage.guidesIn(writtenIn) && !page.equals(writtenIn)) {
            model.addAttribute("guidanceLanguage", writtenIn);
            model.addAttribute("guidanceInTheirLanguage", Triage.guidance(writtenIn));
        }
    }

    private String say(String key, Object... arguments) {
        return messages.getMessage(key, arguments, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /**
     * The acknowledgement: the tracking number, and what happens next as the public may read it (the kind of
     * problem, who handles it, by when, and what the city says of it).
     */
    @GetMapping("/report/sent/{publicId}")
    String sent(
            @PathVariable String publicId,
            @RequestParam(required = false) @Nullable String emailed,
            java.util.Locale locale,
            Model model) {
        model.addAttribute("emailed", emailed != null);
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        ServiceRequest request = (publicId.matches("[A-Za-z0-9-]{1,40}")
                        ? requests.find(jurisdiction.id(), publicId)
                        : java.util.Optional.<ServiceRequest>empty())
                .map(ServiceRequest::publicView)
                .orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "request.not-found", publicId));
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("publicId", request.publicId());
        model.addAttribute("request", request);
        model.addAttribute("when", new TrackingPage.Times(jurisdiction.timeZone(), PortalLocales.language(locale)));
        return "portal/sent";
    }

    /**
     * Open requests of the type close to the place, before the resident sends a duplicate. The form asks by POST, to
     * keep the place typed out of addresses and logs; GET stays for a map that only has a point.
     */
    @RequestMapping(
            value = "/report/{code}/nearby",
            method = {RequestMethod.GET, RequestMethod.POST})
    String nearby(
            @PathVariable String code,
            @RequestParam(defaultValue = "") String address,
            @RequestParam(required = false) @Nullable String lat,
            @RequestParam(name = "long", required = false) @Nullable String lon,
            jakarta.servlet.http.HttpServletRequest http,
            Model model) {
        limits.lookup(http);
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        ServiceType type = type(jurisdiction, code);
        Double latitude = number("lat", lat);
        Double longitude = number("long", lon);
        if ((latitude == null || longitude == null) && !address.isBlank()) {
            var position = triage.locate(jurisdiction.id(), address).orElse(null);
            latitude = position == null ? null : position.latitude();
            longitude = position == null ? null : position.longitude();
        }
        boolean located = latitude != null && longitude != null;
        model.addAttribute("lat", latitude);
        model.addAttribute("long", longitude);
        model.addAttribute(
                "nearby", located ? requests.openNearby(jurisdiction.id(), type.code(), latitude, longitude) : null);
        model.addAttribute(
                "ward",
                located
                        ? catalog.wardAt(jurisdiction.id(), latitude, longitude)
                                .map(w -> w.name())
                                .orElse(null)
                        : null);
        return "portal/report-form :: nearby";
    }

    /** Addresses of the city's address data that begin as typed: the suggestions of the address field (POST, as above). */
    @RequestMapping(
            value = "/report/addresses",
            method = {RequestMethod.GET, RequestMethod.POST})
    String addresses(
            @RequestParam(defaultValue = "") String address,
            jakarta.servlet.http.HttpServletRequest http,
            Model model) {
        limits.lookup(http);
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        model.addAttribute("addresses", triage.addressesStartingWith(jurisdiction.id(), address, ADDRESS_SUGGESTIONS));
        return "portal/report-form :: addresses";
    }

    /**
     * Where the resident's photo was taken, to put the pin there: read from its EXIF block, which the stored copy
     * never keeps. No content when the photo has no location.
     */
    @PostMapping("/report/photo-location")
    @org.springframework.web.bind.annotation.ResponseBody
    org.springframework.http.ResponseEntity<Map<String, Object>> photoLocation(
            @RequestParam(name = "photo", required = false) @Nullable MultipartFile photo,
            jakarta.servlet.http.HttpServletRequest http)
            throws IOException {
        limits.lookup(http);
        if (photo == null || photo.isEmpty()) {
            throw new InvalidInputException("photo", "is required: send the photo as multipart/form-data");
        }
        if (photo.getSize() > MAX_PHOTO_BYTES) {
            throw new InvalidInputException("photo", "is larger than the size allowed");
        }
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(null);
        return media.locationOf(photo.getBytes())
                .map(at -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("latitude", at.latitude());
                    answer.put("longitude", at.longitude());
                    catalog.wardAt(jurisdiction.id(), at.latitude(), at.longitude())
                            .ifPresent(w -> answer.put("ward", w.name()));
                    return org.springframework.http.ResponseEntity.ok(answer);
                })
                .orElseGet(() ->
                        org.springframework.http.ResponseEntity.noContent().build());
    }

    private String form(
            Jurisdiction jurisdiction,
            ServiceType type,
            Map<String, String> values,
            @Nullable String error,
            Model model) {
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("type", type);
        model.addAttribute("values", values);
        model.addAttribute("error", error);
        // Said on the phone before a large photo is sent over a slow connection only to be refused.
        model.addAttribute("maxPhotoBytes", media.maxBytes());
        model.addAttribute("maxPhotoPixels", media.maxPixels());
        model.addAttribute("maxPhotoMegabytes", photoMegabytes());
        model.addAttribute("maxPhotos", MAX_PHOTOS);
        model.addAttribute("retentionDays", String.valueOf(residents.retention().toDays()));
        // Kept when the form comes back refused, so that the report it finally files is filed once.
        String submission = FormKeys.of(values.get("submission"));
        model.addAttribute("submission", submission != null ? submission : FormKeys.fresh());
        tiles.addTo(model, jurisdiction.id());
        return "portal/report-form";
    }

    private ServiceType type(Jurisdiction jurisdiction, String code) {
        return catalog.serviceType(jurisdiction.id(), code)
                .filter(ServiceType::offeredToResidents)
                .orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "report.no-type", code));
    }

    private static @Nullable Double number(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.strip());
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "is not a number");
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
