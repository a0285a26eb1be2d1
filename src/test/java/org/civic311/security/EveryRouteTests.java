package org.civic311.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civic311.staff.Role;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Walks every route the application serves, with no sign-in and with each staff role, and checks each answer against
 * the table below. A route that is not in the table fails the test, so nobody adds a route without deciding who may
 * use it.
 */
@Civic311Test
class EveryRouteTests {

    /** Who may use a route. */
    enum Access {
        /** Anyone, signed in or not: residents, Open311 clients, providers' webhooks. */
        PUBLIC(EnumSet.allOf(Role.class)),
        /** Nobody: the error page is shown for a failed request, never called directly; the actuator's index. */
        NOBODY(EnumSet.noneOf(Role.class)),
        /** Providers' webhooks: refused to everyone whose call the provider did not sign (the walk signs nothing). */
        SIGNED_BY_PROVIDER(EnumSet.noneOf(Role.class)),
        /** Every staff member. */
        STAFF(EnumSet.allOf(Role.class)),
        /** 311's own work: agents, supervisors, administrators. */
        CONTACT_CENTRE(EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMINISTRATOR)),
        /** Supervisors and administrators, who see every queue's figures. */
        SUPERVISORS(EnumSet.of(Role.SUPERVISOR, Role.ADMINISTRATOR)),
        /** Those who report on the service: supervisors and administrators, a department's manager on theirs. */
        MANAGERS(EnumSet.of(Role.SUPERVISOR, Role.DEPARTMENT_MANAGER, Role.ADMINISTRATOR)),
        /** Knowledge base editors: supervisors, department managers, administrators (checked in the module). */
        KNOWLEDGE_EDITORS(EnumSet.of(Role.SUPERVISOR, Role.DEPARTMENT_MANAGER, Role.ADMINISTRATOR)),
        /** Administrators alone. */
        ADMINISTRATORS(EnumSet.of(Role.ADMINISTRATOR));

        final Set<Role> roles;

        Access(Set<Role> roles) {
            this.roles = roles;
        }
    }

    private static final Map<String, Access> RULES = new TreeMap<>();

    static {
        for (String route : List.of(
                "GET /",
                "GET /login",
                "GET /actuator/health",
                "GET /actuator/health/**",
                "GET /actuator/info",
                "GET /v3/api-docs",
                "GET /v3/api-docs.yaml",
                "GET /open311/discovery.{format}",
                "GET /open311/v2/services.{format}",
                "GET /open311/v2/services/{code}.{format}",
                "POST /open311/v2/requests.{format}",
                "GET /open311/v2/requests.{format}",
                "GET /open311/v2/requests/{id}.{format}",
                "GET /open311/v2/tokens/{token}.{format}",
                "GET /open311/v2/servicerequestupdates.{format}",
                // Every other address under /open311: the specification's error list.
                "GET /open311/**",
                "POST /open311/**",
                "OPTIONS /open311/**",
                "POST /api/v1/triage",
                "GET /media/{name}",
                "GET /media/thumbnails/{name}",
                "GET /open-data/requests.csv",
                "GET /open-data/requests.geojson",
                "GET /open-data/wards.geojson",
                "GET /map",
                "GET /team",
                "GET /requests",
                "GET /requests/{publicId}",
                "POST /requests/{publicId}/follow",
                "GET /follow/{token}",
                "POST /follow/{token}",
                "GET /unfollow/{token}",
                "POST /unfollow/{token}",
                "GET /report",
                "GET /report/{code}",
                "POST /report/{code}",
                "POST /report",
                "POST /report/chosen",
                "GET /report/addresses",
                "POST /report/addresses",
                "GET /report/{code}/nearby",
                "POST /report/{code}/nearby",
                "GET /report/sent/{publicId}",
                "POST /report/photo-location",
                "GET /webhooks/x")) {
            RULES.put(route, Access.PUBLIC);
        }
        RULES.put("GET /staff/admin/privacy", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/privacy/export", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/privacy/erase", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/api-keys", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/api-keys", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/api-keys/{id}/rotate", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/api-keys/{id}/revoke", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/accounts", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/accounts", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/accounts/{username}", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/accounts/{username}", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/accounts/{username}/password", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/accounts/{username}/two-step", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/accounts/{username}/enabled", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/accounts/{username}/hand-over", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/accounts/{username}/public-profile/clear", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/accounts/{username}/oidc/forget", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/types/new", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/types", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/types/{code}", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/types/{code}", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/types/{code}/questions/new", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/types/{code}/questions", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/types/{code}/questions/{question}", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/types/{code}/questions/{question}", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/types/{code}/questions/{question}/remove", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/types/{code}/questions/{question}/ask", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/departments/new", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/departments", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/departments/{code}", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/departments/{code}", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/people/new", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/people", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/people/{key}", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/people/{key}", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/people/{key}/remove", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/people/{key}/hand-over", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/people/{key}/away", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/people/{key}/back", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/departments/{code}/remove", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/types/{code}/questions/{question}/delete", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/calendar", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/replies", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/replies", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/replies/{id}", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/replies/{id}/remove", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/routing", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/export", Access.ADMINISTRATORS);
        RULES.put("GET /staff/admin/catalogue/wards", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/wards", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/routing/{id}/supervisor", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/routing", Access.ADMINISTRATORS);
        RULES.put("GET /staff/inquiries/overdue", Access.SUPERVISORS);
        RULES.put("POST /staff/admin/catalogue/routing/{id}/remove", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/calendar/week", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/calendar/holidays", Access.ADMINISTRATORS);
        RULES.put("POST /staff/admin/catalogue/calendar/holidays/{day}/remove", Access.ADMINISTRATORS);
        RULES.put("GET /staff/dashboard", Access.SUPERVISORS);
        RULES.put("GET /staff/reports", Access.MANAGERS);
        RULES.put("GET /staff/reports.csv", Access.MANAGERS);
        RULES.put("POST /staff/inbox/{id}/take-over", Access.SUPERVISORS);
        RULES.put("POST /staff/inbox/{id}/give", Access.SUPERVISORS);
        RULES.put("GET /api/v1/callbacks/broken", Access.CONTACT_CENTRE);
        RULES.put("GET /api/v1/privacy/export", Access.ADMINISTRATORS);
        RULES.put("POST /api/v1/privacy/exports", Access.ADMINISTRATORS);
        RULES.put("POST /api/v1/privacy/erasures", Access.ADMINISTRATORS);
        RULES.put("GET /error", Access.NOBODY);
        RULES.put("POST /error", Access.NOBODY);
        RULES.put("GET /actuator", Access.NOBODY);
        RULES.put("POST /webhooks/sms", Access.SIGNED_BY_PROVIDER);
        RULES.put("POST /webhooks/x", Access.SIGNED_BY_PROVIDER);
        RULES.put("POST /api/v1/knowledge/articles/{id}/publish", Access.KNOWLEDGE_EDITORS);
        RULES.put("POST /staff/knowledge/articles/{id}/publish", Access.KNOWLEDGE_EDITORS);
        RULES.put("POST /staff/knowledge/articles/{id}/archive", Access.KNOWLEDGE_EDITORS);
        RULES.put("GET /staff/knowledge/synonyms", Access.KNOWLEDGE_EDITORS);
        RULES.put("POST /staff/knowledge/synonyms", Access.KNOWLEDGE_EDITORS);
        RULES.put("POST /staff/knowledge/synonyms/remove", Access.KNOWLEDGE_EDITORS);
    }

    /** The routes anyone may read: the application's public surfaces. */
    static List<String> publicReads() {
        return RULES.entrySet().stream()
                .filter(rule ->
                        rule.getValue() == Access.PUBLIC && rule.getKey().startsWith("GET "))
                .map(rule -> rule.getKey().substring("GET ".length()))
                .toList();
    }

    /** Routes under these prefixes not listed above follow the rule of their prefix. */
    private static final Map<String, Access> PREFIXES = new LinkedHashMap<>();

    static {
        PREFIXES.put("/staff/inbox", Access.CONTACT_CENTRE);
        PREFIXES.put("/staff/contacts", Access.CONTACT_CENTRE);
        PREFIXES.put("/staff/inquiries", Access.CONTACT_CENTRE);
        PREFIXES.put("/staff/followups", Access.CONTACT_CENTRE);
        PREFIXES.put("/staff/questions", Access.CONTACT_CENTRE);
        PREFIXES.put("/staff/addresses", Access.CONTACT_CENTRE);
        PREFIXES.put("/api/v1/inquiries", Access.CONTACT_CENTRE);
        PREFIXES.put("/api/v1/followups", Access.CONTACT_CENTRE);
        PREFIXES.put("/staff", Access.STAFF);
        PREFIXES.put("/api/v1", Access.STAFF);
    }

    private static final String PASSWORD = "walking every route";

    /**
     * An account of each role of its own: the walk posts empty forms to every route, and must not change the demo
     * staff's profiles that other tests read.
     */
    private static String account(Role role) {
        return "walk-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    org.civic311.staff.StaffDirectory directory;

    @Test
    void everyRouteAnswersEachRoleAndStrangersAsItsRuleSays() {
        List<String> routes = routes();
        List<String> problems = new ArrayList<>();
        for (Role role : Role.values()) {
            if (directory.find(account(role)).isEmpty()) {
                boolean department = role == Role.DEPARTMENT_STAFF || role == Role.DEPARTMENT_MANAGER;
                directory.register(
                        new org.civic311.staff.StaffMember(
                                account(role),
                                "Walker " + role.name(),
                                "Route walker",
                                java.util.Set.of(role),
                                "toronto.ca",
                                // Department staff may see their own queue: the walk asks for theirs.
                                department ? "SWM" : null,
                                null),
                        PASSWORD);
            }
        }
        Map<Role, Http> screens = new LinkedHashMap<>();
        int n = 0;
        for (Role role : Role.values()) {
            // Addresses of their own, so the walk never spends the limits other tests count on.
            Http browser = Http.browser(port).from("10.77.0." + (++n));
            assertThat(browser.signIn(account(role), PASSWORD, null).status()).isEqualTo(302);
            screens.put(role, browser);
        }
        Http stranger = Http.browser(port).from("10.77.0.99");
        for (String route : routes) {
            Access access = access(route);
            if (access == null) {
                problems.add(route + ": no rule says who may use it; add it to EveryRouteTests");
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            boolean api = path.startsWith("/api/");
            check(problems, route, "a stranger", call(stranger, method, path), access == Access.PUBLIC, api);
            for (Role role : Role.values()) {
                Http client = api
                        ? new Http(port).from("10.77.1." + role.ordinal()).as(account(role), PASSWORD)
                        : screens.get(role);
                check(problems, route, role.name(), call(client, method, path), access.roles.contains(role), api);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(routes).as("every rule is for a route that exists").containsAll(RULES.keySet());
        assertThat(routes).as("the walk found the application's routes").hasSizeGreaterThan(100);
    }

    private void check(
            List<String> problems, String route, String who, Http.Response answer, boolean allowed, boolean api) {
        String location = answer.headers().firstValue("Location").orElse("");
        // Outside staff's pages and the API, what a stranger may not use is not found: a resident's mistyped address
        // is not sent to the staff's sign-in.
        boolean notFoundToStrangers = who.equals("a stranger") && !api && !route.contains(" /staff");
        boolean refused = answer.status() == 401
                || answer.status() == 403
                || (notFoundToStrangers && !allowed && answer.status() == 404)
                || (answer.status() == 302 && location.contains("/login"));
        if (allowed && refused) {
            problems.add(route + ": " + who + " was refused (" + answer.status() + " " + location + ")");
        }
        if (!allowed && !refused) {
            problems.add(route + ": " + who + " was let in (" + answer.status() + ")");
        }
        if (!allowed && api && answer.status() == 302) {
            problems.add(route + ": " + who + " was sent to a sign-in page instead of a 401 or 403");
        }
        if (answer.status() >= 500) {
            problems.add(route + ": " + who + " got " + answer.status());
        }
    }

    private static Http.Response call(Http client, String method, String path) {
        return switch (method) {
            case "GET" -> client.get(path);
            case "PUT" -> client.putJson(path, "{}");
            case "OPTIONS" -> client.options(path);
            case "POST" ->
                path.startsWith("/api/")
                        ? client.postJson(path, "{}")
                        // The demo key, so that Open311 answers for the request and not for a missing key.
                        : client.postForm(
                                path, List.of(Map.entry("_csrf", token(client)), Map.entry("api_key", "demo-key")));
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** A CSRF token of the client's session, so that a POST is refused for who sends it, not for a missing token. */
    private static String token(Http client) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(client.get("/login").body());
        return token.find() ? token.group(1) : "";
    }

    private static Access access(String route) {
        Access exact = RULES.get(route);
        if (exact != null) {
            return exact;
        }
        String path = route.substring(route.indexOf(' ') + 1);
        return PREFIXES.entrySet().stream()
                .filter(prefix -> path.equals(prefix.getKey()) || path.startsWith(prefix.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** A path to call for a route's pattern: a format Open311 serves, and ids that name nothing. */
    private static String concrete(String pattern) {
        Matcher variable = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(pattern.replace("/**", "/liveness"));
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value =
                    switch (variable.group(1)) {
                        case "format" -> "json";
                        case "name" -> "00000000000000000000000000000000.jpg";
                        // Department staff may see their own queue: the walk asks for theirs.
                        case "departmentCode" -> "SWM";
                        default -> "999999";
                    };
            variable.appendReplacement(path, value);
        }
        variable.appendTail(path);
        return path.toString();
    }

    /** Every route of every handler mapping (controllers, the actuator, the API description), as "METHOD pattern". */
    private List<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method :
                            methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                        routes.add(method.name() + " " + pattern);
                    }
                }
            });
        }
        return List.copyOf(routes);
    }
}
