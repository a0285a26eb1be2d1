package org.civic311.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A routing rule as an administrator types it: which requests (a type, or all of a department's, in a ward or
 * everywhere), the department they go to, how they are sent there, and who supervises the area.
 *
 * @param service the service type's code, blank for all of the department's types
 * @param ward the ward's code, blank for everywhere
 * @param dispatch QUEUE, EMAIL or OPEN311
 * @param apiKey the Open311 endpoint's key; never shown again once saved
 * @param supervisor a directory key, blank for the department's own supervisor
 */
public record RoutingRuleForm(
        String service,
        String ward,
        String department,
        String dispatch,
        String email,
        String endpoint,
        String apiKey,
        String externalCode,
        String supervisor) {

    public static final RoutingRuleForm BLANK = new RoutingRuleForm("", "", "", "QUEUE", "", "", "", "", "");

    public static RoutingRuleForm from(Function<String, @Nullable String> field) {
        Function<String, String> text = FormFields.texts(field);
        return new RoutingRuleForm(
                text.apply("service"),
                text.apply("ward"),
                text.apply("department"),
                text.apply("dispatch"),
                text.apply("email"),
                text.apply("endpoint"),
                text.apply("apiKey"),
                text.apply("externalCode"),
                text.apply("supervisor"));
    }

    /** A rule as its form shows it to be changed: everything but the key, which is never shown again. */
    public static RoutingRuleForm of(RoutingRule rule) {
        String dispatch;
        String email = "";
        String endpoint = "";
        String externalCode = "";
        switch (rule.dispatch()) {
            case Dispatch.Queue queue -> dispatch = "QUEUE";
            case Dispatch.Email byEmail -> {
                dispatch = "EMAIL";
                email = byEmail.address();
            }
            case Dispatch.Open311 open311 -> {
                dispatch = "OPEN311";
                endpoint = open311.endpoint();
                externalCode = open311.serviceCode();
            }
        }
        return new RoutingRuleForm(
                rule.serviceCode() == null ? "" : rule.serviceCode(),
                rule.wardCode() == null ? "" : rule.wardCode(),
                rule.departmentCode(),
                dispatch,
                email,
                endpoint,
                "",
                externalCode,
                rule.supervisorKey() == null ? "" : rule.supervisorKey());
    }

    /** The form without its key, to show again after a refusal. */
    public RoutingRuleForm withoutKey() {
        return new RoutingRuleForm(service, ward, department, dispatch, email, endpoint, "", externalCode, supervisor);
    }

    /**
     * The rule this form describes; whether its codes exist is the editor's to check.
     *
     * @throws InvalidInputException naming the first field that breaks a rule
     */
    RoutingRule toRule() {
        String departmentCode = department.strip();
        if (departmentCode.isEmpty()) {
            throw new InvalidInputException("department", "is required: where the requests go");
        }
        Dispatch how =
                switch (dispatch.strip().toUpperCase(Locale.ROOT)) {
                    case "QUEUE" -> new Dispatch.Queue();
                    case "EMAIL" -> {
                        String address = FormFields.email("email", email);
                        if (address == null) {
                            throw new InvalidInputException("email", "is required to send requests by email");
                        }
                        yield new Dispatch.Email(address);
                    }
                    case "OPEN311" ->
                        new Dispatch.Open311(
                                endpoint(endpoint),
                                apiKey.strip(),
                                FormFields.required("externalCode", externalCode, 100));
                    default ->
                        throw new InvalidInputException(
                                "dispatch", "must be one of QUEUE, EMAIL or OPEN311, not “" + dispatch + "”");
                };
        if (how instanceof Dispatch.Open311
                && (apiKey.length() > 200 || !apiKey.strip().matches("\\S*"))) {
            throw new InvalidInputException("apiKey", "must be at most 200 characters, without spaces");
        }
        return new RoutingRule(
                service.isBlank() ? null : service.strip(),
                ward.isBlank() ? null : ward.strip(),
                departmentCode,
                how,
                supervisor.isBlank() ? null : supervisor.strip());
    }

    /**
     * An Open311 server's base address. Requests travel with the endpoint's key, so only over https; plain http is
     * allowed to a server on this machine (a bridge beside Civic311).
     */
    private static String endpoint(String value) {
        String text = FormFields.required("endpoint", value, 500);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("endpoint", "is not a web address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean local = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        if (uri.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && local))) {
            throw new InvalidInputException(
                    "endpoint", "must be an https:// address such as https://open311.city.example/v2");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInputException("endpoint", "must be the server's base address, without ? or #");
        }
        return text;
    }
}
