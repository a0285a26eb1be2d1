package org.civic311.console;

import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What an agent typed into a form that files a request, when the filing was refused (an emergency, a missing type,
 * an address outside the city): it comes back filled in as typed, their edits to the resident's words and their
 * answers included, never the defaults again. It travels as a flash attribute, once, through the session.
 */
final class TypedFiling {

    static final String ATTRIBUTE = "filing";

    private TypedFiling() {}

    /** The form as posted, without its CSRF token, to come back with the refusal. */
    static LinkedMultiValueMap<String, String> of(MultiValueMap<String, String> form) {
        LinkedMultiValueMap<String, String> typed = new LinkedMultiValueMap<>(form);
        typed.remove("_csrf");
        return typed;
    }

    /** The refused form, when the page is shown again after one. */
    @SuppressWarnings("unchecked")
    static @Nullable MultiValueMap<String, String> in(Model model) {
        return model.getAttribute(ATTRIBUTE) instanceof MultiValueMap<?, ?> typed
                ? (MultiValueMap<String, String>) typed
                : null;
    }

    /** A field as typed, or what the page would otherwise show. */
    static String field(@Nullable MultiValueMap<String, String> typed, String name, String otherwise) {
        String value = typed == null ? null : typed.getFirst(name);
        return value == null ? otherwise : value;
    }
}
