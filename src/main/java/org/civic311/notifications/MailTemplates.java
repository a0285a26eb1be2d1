package org.civic311.notifications;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders messages from the Thymeleaf templates in {@code templates/mail}: a plain-text and an HTML version of each,
 * in the recipient's language (English and French), with the wording in {@code i18n/mail*.properties}.
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    MailTemplates() {
        messages.setBasename("i18n/mail");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        // One rule for every sentence, with or without arguments: an apostrophe is written twice ("n''avez").
        messages.setAlwaysUseMessageFormat(true);
        engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 1));
        engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 2));
        engine.setTemplateEngineMessageSource(messages);
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setResolvablePatterns(java.util.Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        return resolver;
    }

    /** One sentence of the wording, in the language. */
    String text(String key, String language, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.forLanguageTag(language));
    }

    /** The message in the language, or the fallback where the bundle has none (a city's own status, say). */
    String textOr(String key, String language, String fallback) {
        return messages.getMessage(key, null, fallback, Locale.forLanguageTag(language));
    }

    Message render(String template, String language, Map<String, Object> variables) {
        Locale locale = Locale.forLanguageTag(language);
        Context context = new Context(locale, variables);
        String subject = messages.getMessage(template + ".subject", new Object[] {variables.get("publicId")}, locale);
        return new Message(
                subject, engine.process(template + ".txt", context), engine.process(template + ".html", context));
    }
}
