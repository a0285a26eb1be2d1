package org.civic311.requests;

import org.civic311.common.InvalidInputException;

/**
 * A number that texted STOP cannot be made to follow a request by text message until it texts START: said as such, so
 * that a resident is told why and what to do, not that their number is not one.
 */
public class TextMessagesStopped extends InvalidInputException {

    TextMessagesStopped(String problem) {
        super("address", problem);
    }
}
