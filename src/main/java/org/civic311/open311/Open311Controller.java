package org.civic311.open311;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.ServiceDelivery;
import org.civic311.catalog.ServiceType;
import org.civic311.catalog.Ward;
import org.civic311.common.InvalidInputException;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.PublicUpdate;
import org.civic311.requests.Reporter;
import org.civic311.requests.RequestSearch;
import org.civic311.requests.ServiceRequest;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.SubmittedRequest;
import org.civic311.requests.Upload;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The GeoReport v2 resources. Each takes its format from the path's extension: {@code .xml} or {@code .json}. */
@RestController
@RequestMapping("/open311")
class Open311Controller {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    private static final List<String> MEDIA_FIELDS = List.of("media", "media[]");

    private final Catalog catalog;
    private final ServiceRequests requests;
    private final ApiKeys apiKeys;
    private final Open311Limits limits;
    private final DocumentWriter writer;
    private final Open311Properties properties;
    private final Clock clock;

    Open311Controller(
            Catalog catalog,
            ServiceRequests requests,
            ApiKeys apiKeys,
            Open311Limits limits,
            DocumentWriter writer,
            Open311Properties properties,
            Clock clock) {
        this.catalog = catalog;
        this.requests = requests;
        this.apiKeys = apiKeys;
        this.limits = limits;
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
    }

    /** The addresses of the specification, with the methods they take. */
    private static final java.util.regex.Pattern KNOWN = java.util.regex.Pattern.compile(
            "/open311/(discovery|v2/services|v2/services/[^/]+|v2/requests|v2/requests/[^/]+|v2/tokens/[^/]+"
                    + "|v2/servicerequestupdates)"
                    + "\\.(json|xml)");

    /**
     * Any other address under /open311, or a method an address does not take: answered with the specification's
     * error list in the format the address names (XML by default), never the server's own error page.
     */
    @RequestMapping("/**")
    void elsewhere(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        String path = request.getRequestURI();
        if (KNOWN.matcher(path).matches()) {
            response.setHeader(HttpHeaders.ALLOW, allowed(path));
            throw new Open311Exception(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    request.getMethod() + " is not taken at " + Parameters.shorten(path)
                            + (path.contains("/v2/requests.")
                                    ? "; GET lists requests and POST makes one"
                                    : "; use GET"));
        }
        throw new Open311Exception(
                HttpStatus.NOT_FOUND,
                "there is no Open311 resource at " + Parameters.shorten(path)
                        + "; the specification's end with .json or .xml (see discovery.xml)");
    }

    /** What an address takes, asked outside a browser's cross-origin check (which the security filters answer). */
    @RequestMapping(value = "/**", method = org.springframework.web.bind.annotation.RequestMethod.OPTIONS)
    ResponseEntity<Void> options(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI();
        if (!KNOWN.matcher(path).matches()) {
            throw notFound("there is no Open311 resource at " + Parameters.shorten(path));
        }
        return ResponseEntity.noContent()
                .header(HttpHeaders.ALLOW, allowed(path))
                .build();
    }

    private static String allowed(String path) {
        return path.matches("/open311/v2/requests\\.(json|xml)") ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD, OPTIONS";
    }

    @GetMapping("/discovery.{format}")
    ResponseEntity<byte[]> discovery(@PathVariable String format) {
        Format f = format(format);
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPECIFICATION);
        endpoint.put("url", baseUrl() + "/open311/v2");
        endpoint.put("changeset", properties.changeset());
        endpoint.put("type", properties.endpointType());
        endpoint.put("formats", List.of("text/xml", "application/json"));
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("changeset", properties.changeset());
        discovery.put("contact", properties.contact());
        discovery.put("key_service", properties.keyService());
        discovery.put("endpoints", List.of(endpoint));
        return cacheable(Document.object("discovery", discovery), f);
    }

    @GetMapping("/v2/services.{format}")
    ResponseEntity<byte[]> services(@PathVariable String format, HttpServletRequest http) {
        Format f = format(format);
        Parameters params = new Parameters(http.getParameterMap());
        Jurisdiction jurisdiction = jurisdiction(params);
        boolean extensions = params.flag("extensions");
        List<Map<String, Object>> services = catalog.serviceTypes(jurisdiction.id()).stream()
                .filter(ServiceType::offeredToResidents)
                .map(type -> Representations.service(type, extensions))
                .toList();
        return cacheable(Document.list("services", services), f);
    }

    @GetMapping("/v2/services/{code}.{format}")
    ResponseEntity<byte[]> serviceDefinition(
            @PathVariable String code, @PathVariable String format, HttpServletRequest http) {
        Format f = format(format);
        Jurisdiction jurisdiction = jurisdiction(new Parameters(http.getParameterMap()));
        // A type the list does not offer (staff-only, retired) has no definition for clients either.
        ServiceType type = catalog.serviceType(jurisdiction.id(), code)
                .filter(ServiceType::offeredToResidents)
                .orElseThrow(() -> notFound("service_code '" + Parameters.shorten(code) + "' was not found"));
        return cacheable(Document.object("service_definition", Representations.serviceDefinition(type)), f);
    }

    @PostMapping("/v2/requests.{format}")
    ResponseEntity<byte[]> create(@PathVariable String format, HttpServletRequest http)
            throws org.springframework.web.HttpMediaTypeNotSupportedException {
        Format f = format(format);
        String sent = http.getContentType();
        String sentAs = sent == null ? "" : sent.toLowerCase(java.util.Locale.ROOT);
        if (!sentAs.isEmpty()
                && !sentAs.startsWith("application/x-www-form-urlencoded")
                && !sentAs.startsWith("multipart/form-data")) {
            // Its fields would go unread, and the report be refused for a missing api_key the body does carry.
            throw new org.springframework.web.HttpMediaTypeNotSupportedException(
                    "Open311 reports are sent as form fields, not as " + sent);
        }
        Parameters params = new Parameters(http.getParameterMap());
        Jurisdiction jurisdiction = jurisdiction(params);
        ApiKey client = apiKeys.require(jurisdiction.id(), params.text("api_key"));
        limits.post(client, org.civic311.common.RateLimit.clientOf(http.getRemoteAddr()));
        String language = http.getHeader("Accept-Language") == null
                ? null
                : http.getLocale().toLanguageTag();
        // An extension: the person, shown the 911 guidance a first try was answered with, says it is not an emergency
        // (triage takes a few ordinary reports in a hundred for one); without it, a relaying client's retries would
        // never file the report. Filed on their word, which the audit trail keeps with what triage took it for.
        boolean saidNotAnEmergency = params.flag("not_an_emergency");
        ServiceType type;
        NewServiceRequest request;
        try {
            String serviceCode = params.text("service_code");
            if (serviceCode == null) {
                throw new InvalidInputException("service_code", "is required");
            }
            // A staff-only type is not found, as its definition is not; a retired one is said to be retired, for a
            // client whose list of services is older than the change.
            type = catalog.serviceType(jurisdiction.id(), serviceCode)
                    .filter(found -> !found.staffOnly())
                    .orElseThrow(
                            () -> notFound("service_code '" + Parameters.shorten(serviceCode) + "' was not found"));
            if (params.text("lat") == null
                    && params.text("long") == null
                    && params.text("address_string") == null
                    && params.text("address_id") == null) {
                throw new InvalidInputException("location", "is required: lat and long, address_string or address_id");
            }
            request = new NewServiceRequest(
                    jurisdiction.id(),
                    type.code(),
                    requests.placed(
                            jurisdiction.id(),
                            new Location(
                                    params.decimal("lat"),
                                    params.decimal("long"),
                                    params.text("address_string"),
                                    params.text("address_id"),
                                    params.text("zipcode"))),
                    params.text("description"),
                    params.attributes(),
                    params.all("media_url"),
                    uploads(http),
                    new Reporter(
                            params.text("first_name"),
                            params.text("last_name"),
                            params.text("email"),
                            params.text("phone"),
                            params.text("device_id"),
                            params.text("account_id")),
                    Channel.OPEN311,
                    language);
        } catch (RuntimeException refused) {
            if (saidNotAnEmergency) {
                throw refused;
            }
            // An emergency is answered before whatever else is wrong with the report: the person is to call 911,
            // not to correct a form. (Once the form is read, the requests module screens it first of all.)
            requests.refuseIfEmergency(descriptionOrNull(params), language);
            for (List<String> answers : answersOrNone(params).values()) {
                for (String answer : answers) {
                    requests.refuseIfEmergency(answer, language);
                }
            }
            throw refused;
        }
        // An extension to GeoReport v2: a client that retries a POST (after a time-out, say) sends the same
        // Idempotency-Key and gets the request its first try filed, not a second one. Scoped to the client, whose
        // key may have been rotated between the try and the retry.
        String retryKey = http.getHeader("Idempotency-Key");
        if (retryKey != null && retryKey.strip().length() > 200) {
            throw new InvalidInputException("Idempotency-Key", "is longer than 200 characters");
        }
        String submissionKey = retryKey == null || retryKey.isBlank()
                ? null
                : "open311:" + apiKeys.clientId(client) + ":" + retryKey.strip();
        SubmittedRequest submitted = saidNotAnEmergency
                ? requests.submitOnceSaidNotAnEmergency(request, submissionKey)
                : submissionKey == null ? requests.submit(request) : requests.submitOnce(request, submissionKey);
        Map<String, Object> answer = new LinkedHashMap<>();
        // What the client learns depends on how the service type is processed, exactly as the specification says.
        if (type.delivery() == ServiceDelivery.REALTIME) {
            answer.put("service_request_id", submitted.publicId());
        } else if (type.delivery() == ServiceDelivery.BATCH) {
            answer.put("token", submitted.token());
        }
        answer.put("service_notice", submitted.serviceNotice());
        answer.put("account_id", params.text("account_id"));
        return respond(HttpStatus.OK, Document.list("service_requests", List.of(answer)), f);
    }

    /** The description, or null when it cannot be read (given twice): the refusal already on its way says so. */
    private static @org.jspecify.annotations.Nullable String descriptionOrNull(Parameters params) {
        try {
            return params.text("description");
        } catch (InvalidInputException unreadable) {
            return null;
        }
    }

    /** The answers, or none when they cannot be read: the refusal already on its way says so. */
    private static Map<String, List<String>> answersOrNone(Parameters params) {
        try {
            return params.attributes();
        } catch (InvalidInputException unreadable) {
            return Map.of();
        }
    }

    @GetMapping("/v2/tokens/{token}.{format}")
    ResponseEntity<byte[]> token(@PathVariable String token, @PathVariable String format, HttpServletRequest http) {
        Format f = format(format);
        Jurisdiction jurisdiction = jurisdiction(new Parameters(http.getParameterMap()));
        String publicId = requests.publicIdForToken(jurisdiction.id(), token)
                .orElseThrow(() -> notFound("token '" + Parameters.shorten(token) + "' was not found"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", publicId);
        answer.put("token", token);
        return respond(HttpStatus.OK, Document.list("service_requests", List.of(answer)), f);
    }

    @GetMapping("/v2/requests.{format}")
    ResponseEntity<byte[]> search(@PathVariable String format, HttpServletRequest http) {
        Format f = format(format);
        Parameters params = new Parameters(http.getParameterMap());
        Jurisdiction jurisdiction = jurisdiction(params);
        limits.search(org.civic311.common.RateLimit.clientOf(http.getRemoteAddr()));
        RequestSearch search = SearchParameters.read(params, jurisdiction, clock.instant());
        List<ServiceRequest> found =
                requests.search(search).stream().map(ServiceRequest::publicView).toList();
        return respond(HttpStatus.OK, requestList(found, jurisdiction, params.flag("extensions")), f);
    }

    @GetMapping("/v2/requests/{id}.{format}")
    ResponseEntity<byte[]> request(@PathVariable String id, @PathVariable String format, HttpServletRequest http) {
        Format f = format(format);
        Parameters params = new Parameters(http.getParameterMap());
        Jurisdiction jurisdiction = jurisdiction(params);
        ServiceRequest found = requests.find(jurisdiction.id(), id)
                .map(ServiceRequest::publicView)
                .orElseThrow(() -> notFound("service_request_id '" + Parameters.shorten(id) + "' was not found"));
        return respond(HttpStatus.OK, requestList(List.of(found), jurisdiction, params.flag("extensions")), f);
    }

    /**
     * What was said in public on the city's requests in a span, oldest first: the feed of updates that FixMyStreet and
     * other relaying clients read (its {@code servicerequestupdates} extension) to tell their users what came of the
     * reports they sent. The span is {@code start_date} to {@code end_date}, the last day without them, at most 90
     * days; the first {@link SearchParameters#MAX_REQUESTS} updates of it are given, and the next span starts at the
     * last one's time.
     */
    @GetMapping("/v2/servicerequestupdates.{format}")
    ResponseEntity<byte[]> updates(@PathVariable String format, HttpServletRequest http) {
        Format f = format(format);
        Parameters params = new Parameters(http.getParameterMap());
        Jurisdiction jurisdiction = jurisdiction(params);
        limits.search(org.civic311.common.RateLimit.clientOf(http.getRemoteAddr()));
        var zone = jurisdiction.timeZone();
        SearchParameters.Span span = SearchParameters.updates(params, zone, clock.instant());
        List<Map<String, Object>> items = new ArrayList<>();
        for (PublicUpdate update :
                requests.publicUpdates(jurisdiction.id(), span.from(), span.to(), SearchParameters.MAX_REQUESTS)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            // A correction is a new update to clients that keep each id once (FixMyStreet): the note's id and when.
            fields.put(
                    "update_id",
                    update.corrected() == null
                            ? String.valueOf(update.noteId())
                            : update.noteId() + "-c" + update.corrected().getEpochSecond());
            fields.put("service_request_id", update.publicId());
            fields.put(
                    "status",
                    jurisdiction
                                    .status(update.statusCode())
                                    .map(s -> s.closed())
                                    .orElse(false)
                            ? "closed"
                            : "open");
            fields.put("external_status_code", update.statusCode());
            fields.put("updated_datetime", Representations.w3c(update.updated(), zone));
            fields.put("description", update.text());
            items.add(fields);
        }
        return respond(HttpStatus.OK, Document.list("service_request_updates", items), f);
    }

    private Document requestList(List<ServiceRequest> found, Jurisdiction jurisdiction, boolean extended) {
        Representations.Extensions extensions = null;
        if (extended) {
            Map<String, String> wardNames =
                    catalog.wards(jurisdiction.id()).stream().collect(Collectors.toMap(Ward::code, Ward::name));
            extensions = new Representations.Extensions(
                    wardNames,
                    requests.publicNotes(found.stream().map(ServiceRequest::id).toList()));
        }
        String base = baseUrl();
        List<Map<String, Object>> items = new ArrayList<>();
        for (ServiceRequest request : found) {
            items.add(Representations.request(request, jurisdiction.timeZone(), base, extensions));
        }
        return Document.list("service_requests", items);
    }

    private Jurisdiction jurisdiction(Parameters params) {
        String id = params.text("jurisdiction_id");
        if (id != null && catalog.jurisdiction(id).isEmpty()) {
            throw notFound("jurisdiction_id '" + Parameters.shorten(id) + "' was not found");
        }
        return catalog.resolveJurisdiction(id);
    }

    private static List<Upload> uploads(HttpServletRequest http) {
        if (!(http instanceof MultipartHttpServletRequest multipart)) {
            return List.of();
        }
        // A photo under another name ("photo", "file") would be dropped without a word while the report is filed.
        multipart.getMultiFileMap().forEach((field, files) -> {
            if (!MEDIA_FIELDS.contains(field) && files.stream().anyMatch(file -> !file.isEmpty())) {
                throw new InvalidInputException(
                        Parameters.shorten(field),
                        "is not a field for photos: send a photo as media, several as media[]");
            }
        });
        List<Upload> uploads = new ArrayList<>();
        for (String field : MEDIA_FIELDS) {
            for (MultipartFile file : multipart.getFiles(field)) {
                // The empty part a form library sends for a file input left unchosen is no photo, and no reason to
                // refuse the report it comes with (as the portal's form does).
                if (file.isEmpty()) {
                    continue;
                }
                try {
                    uploads.add(new Upload(field, file.getBytes()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return uploads;
    }

    private static Format format(String extension) {
        return Format.of(extension)
                .orElseThrow(() ->
                        notFound("format '" + Parameters.shorten(extension) + "' is not offered: use xml or json"));
    }

    private static Open311Exception notFound(String message) {
        return new Open311Exception(HttpStatus.NOT_FOUND, message);
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    /** How long an app may keep the catalogue before asking again: an edit reaches every app within minutes. */
    static final java.time.Duration CATALOGUE_KEPT = java.time.Duration.ofMinutes(5);

    /**
     * The catalogue (discovery, services, a definition) as an app keeps it: for a few minutes, then asked again with
     * its tag, which answers 304 with no body while nothing changed, rather than every definition downloaded again.
     * Spring MVC answers the 304 itself, comparing {@code If-None-Match} with the tag of an entity it is given.
     */
    private ResponseEntity<byte[]> cacheable(Document document, Format format) {
        byte[] body = writer.write(document, format);
        return ResponseEntity.ok()
                .contentType(format.mediaType())
                .eTag(org.springframework.util.DigestUtils.md5DigestAsHex(body))
                .cacheControl(org.springframework.http.CacheControl.maxAge(CATALOGUE_KEPT)
                        .cachePublic())
                .body(body);
    }

    private ResponseEntity<byte[]> respond(HttpStatus status, Document document, Format format) {
        return ResponseEntity.status(status).contentType(format.mediaType()).body(writer.write(document, format));
    }
}
