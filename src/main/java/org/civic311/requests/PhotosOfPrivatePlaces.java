package org.civic311.requests;

import java.util.List;
import org.civic311.catalog.PlacesMadePrivate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Hides the public photos of a type's requests once its places are private: a front door or a house number would give
 * away the place the map now hides. Staff show again those that give nothing away.
 */
@Component
class PhotosOfPrivatePlaces {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PhotosOfPrivatePlaces.class);

    private final JdbcClient jdbc;
    private final RequestWork work;
    private final org.springframework.transaction.support.TransactionTemplate eachAlone;

    PhotosOfPrivatePlaces(
            JdbcClient jdbc,
            RequestWork work,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.work = work;
        this.eachAlone = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.eachAlone.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private record Shown(String publicId, String url) {}

    @ApplicationModuleListener
    void on(PlacesMadePrivate changed) {
        List<Shown> shown = jdbc.sql(
                        """
                        select r.public_id, m.url from request_media m join service_request r on r.id = m.request_id
                        where r.jurisdiction_id = :j and r.service_code = :code and m.public
                        order by r.id""")
                .param("j", changed.jurisdictionId())
                .param("code", changed.serviceCode())
                .query((rs, n) -> new Shown(rs.getString("public_id"), rs.getString("url")))
                .list();
        Actor actor = new Actor(changed.actor(), "catalogue");
        // One photo at a time, each in a transaction of its own holding only its request's lock: a type's history may
        // be long, and one photo that cannot be moved must not keep the others public.
        int failed = 0;
        for (Shown photo : shown) {
            try {
                eachAlone.executeWithoutResult(
                        status -> work.hidePhoto(changed.jurisdictionId(), photo.publicId(), photo.url(), true, actor));
            } catch (RuntimeException e) {
                failed++;
                log.warn("A photo of request {} could not be hidden: {}", photo.publicId(), e.getMessage());
            }
        }
        if (failed > 0) {
            // Handled again later (the publication stays incomplete), for the photos still public.
            throw new IllegalStateException(failed + " photos of " + changed.serviceCode() + " are still public");
        }
    }
}
