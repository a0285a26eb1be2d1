package org.civic311.catalog;

import java.util.function.Function;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A ready answer as an administrator types it: the words residents are told when a request of a type (or of any
 * type) is closed with a resolution. Staff start from it and may change it before it goes out.
 *
 * @param service the service type's code, blank for every type
 */
public record ReadyAnswerForm(String service, String resolution, String text) {

    /** The longest ready answer: a note a resident reads, and an SMS or post it is cut into. */
    static final int MAX_TEXT = 2000;

    public static final ReadyAnswerForm BLANK = new ReadyAnswerForm("", Resolution.FIXED.name(), "");

    public static ReadyAnswerForm from(Function<String, @Nullable String> field) {
        Function<String, String> text = FormFields.texts(field);
        return new ReadyAnswerForm(text.apply("service"), text.apply("resolution"), text.apply("text"));
    }

    /**
     * The template this form describes.
     *
     * @throws InvalidInputException naming the first field that breaks a rule
     */
    ReplyTemplate toTemplate() {
        String words = FormFields.optional("text", text, MAX_TEXT);
        if (words == null) {
            throw new InvalidInputException("text", "is required: what the resident is told");
        }
        return new ReplyTemplate(
                service.isBlank() ? null : service.strip(),
                FormFields.choice("resolution", resolution, Resolution.class),
                words);
    }
}
