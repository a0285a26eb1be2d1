package org.civic311.conversations;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ready beginnings of replies that agents often write, in the resident's language (English or French). The agent
 * edits them before sending; they are never sent as they are by themselves.
 */
public final class ReplyStarters {

    /** A ready reply: its name in the composer's list and its text. */
    public record Starter(String key, String label, String text) {}

    private static final Map<String, List<Starter>> BY_LANGUAGE = Map.of(
            "en",
            List.of(
                    new Starter(
                            "thanks",
                            "Thank and say what happens next",
                            "Thank you for telling us. We are looking into it and will update you here."),
                    new Starter(
                            "address",
                            "Ask for the address",
                            "Thank you. Could you tell us the address or the nearest intersection, so that we can"
                                    + " send a crew?"),
                    new Starter(
                            "photo",
                            "Ask for a photo",
                            "Thank you. Could you send us a photo of the problem? It helps the crew find it."),
                    new Starter(
                            "privacy",
                            "Keep personal details private",
                            "To protect your privacy, please do not post your phone number or email here."),
                    new Starter(
                            "elsewhere",
                            "Not the city's: say who can help",
                            "Thank you. This is not looked after by the city. The people who can help: ")),
            "fr",
            List.of(
                    new Starter(
                            "thanks",
                            "Remercier et dire la suite",
                            "Merci de nous l'avoir signalé. Nous nous en occupons et vous tiendrons au courant ici."),
                    new Starter(
                            "address",
                            "Demander l'adresse",
                            "Merci. Pourriez-vous nous donner l'adresse ou l'intersection la plus proche, pour que"
                                    + " nous envoyions une équipe ?"),
                    new Starter(
                            "photo",
                            "Demander une photo",
                            "Merci. Pourriez-vous nous envoyer une photo du problème ? Elle aide l'équipe à le"
                                    + " trouver."),
                    new Starter(
                            "privacy",
                            "Protéger les données personnelles",
                            "Pour protéger votre vie privée, merci de ne pas publier ici votre numéro ou votre"
                                    + " courriel."),
                    new Starter(
                            "elsewhere",
                            "Pas du ressort de la ville",
                            "Merci. Cela ne relève pas de la ville. Les personnes qui peuvent vous aider : ")));

    private ReplyStarters() {}

    /** The starters in the resident's language, English when it is not one of ours. */
    public static List<Starter> in(String language) {
        return BY_LANGUAGE.getOrDefault(language == null ? "en" : language, BY_LANGUAGE.get("en"));
    }

    public static Optional<Starter> find(String language, String key) {
        return in(language).stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /**
     * The draft that tells a resident their message was filed, with its tracking number and page, in their language;
     * a repeat problem is met with an apology, and with what was done about it: the answer to "why does this keep
     * happening?" is that someone who can change it now knows.
     *
     * @param supervisorTold whether filing it told the area's supervisor of the repeat problem just now (else they were
     *     told of it before, or no one answers for the area: nothing is said of a supervisor then)
     */
    public static String filed(String language, String publicId, String page, boolean repeat, boolean supervisorTold) {
        if ("fr".equals(language)) {
            if (!repeat) {
                return "Merci de nous l'avoir signalé. Nous avons enregistré la demande " + publicId
                        + ". Nous vous répondrons ici. " + page;
            }
            return "Merci de nous l'avoir signalé, et nous sommes désolés que cela se reproduise. Nous avons"
                    + " enregistré la demande " + publicId
                    + (supervisorTold
                            ? " et l'avons signalée au superviseur du secteur comme problème récurrent."
                            : " ; nous savons que le problème se répète à cet endroit.")
                    + " Nous vous répondrons ici. " + page;
        }
        if (!repeat) {
            return "Thank you for letting us know. We have filed request " + publicId + ". You will hear back here. "
                    + page;
        }
        return "Thank you for letting us know, and we are sorry this keeps happening. We have filed request " + publicId
                + (supervisorTold
                        ? " and raised it with the area's supervisor as a repeat problem."
                        : "; we know it keeps happening there.")
                + " You will hear back here. " + page;
    }
}
