package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.media.MediaStore;
import org.civic311.support.Civic311Test;
import org.civic311.support.Images;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A resident's photo stored for a report that is then not filed does not stay on disk outside every erasure. */
@Civic311Test
class PhotosOfReportsNotFiledTests {

    @Autowired
    ServiceRequests requests;

    @Autowired
    MediaStore media;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void thePhotoOfAReportRolledBackIsDeletedAndThatOfOneFiledIsKept() {
        String[] kept = new String[1];
        transaction.executeWithoutResult(status -> {
            SubmittedRequest filed = requests.submit(report("Tags on the bin, photographed, then not filed"));
            kept[0] = requests.find("toronto.ca", filed.publicId())
                    .orElseThrow()
                    .mediaUrls()
                    .getFirst();
            assertThat(media.find(kept[0]))
                    .as("stored while the report is being filed")
                    .isPresent();
            status.setRollbackOnly();
        });
        assertThat(media.find(kept[0])).isEmpty();

        SubmittedRequest filed = requests.submit(report("Tags on the bin, photographed and filed"));
        String path = requests.find("toronto.ca", filed.publicId())
                .orElseThrow()
                .mediaUrls()
                .getFirst();
        assertThat(media.find(path)).isPresent();
    }

    private static NewServiceRequest report(String description) {
        return new NewServiceRequest(
                null,
                "SWLMALB-02",
                new Location(43.6437614, -79.4194418, "1033 Queen St W", null, null),
                description,
                Map.of(),
                List.of(),
                List.of(new Upload("media", Images.png(12, 12))),
                Reporter.anonymous(),
                Channel.WEB,
                null);
    }
}
