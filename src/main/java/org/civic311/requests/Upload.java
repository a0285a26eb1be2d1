package org.civic311.requests;

/**
 * A file sent with a request.
 *
 * @param field the form field it came in, named in any refusal
 * @param sentPrivately whether the resident sent it in a private message (an email, a text, a direct message): it is
 *     then for staff until they show it, whatever the type, since the resident did not send it to the public
 */
public record Upload(String field, byte[] content, boolean sentPrivately) {

    public Upload(String field, byte[] content) {
        this(field, content, false);
    }
}
