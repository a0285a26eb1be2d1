package org.civic311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civic311.CommandLineTests.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.civic311.media.MediaStore;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Images;
import org.civic311.support.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A backup taken while Civic311 serves holds everything up to that moment, photos included, and restores into a new
 * data directory where the city carries on: same requests, same numbers, new numbers after the old ones.
 */
class BackupCommandTests {

    @TempDir
    Path directory;

    @Test
    void aBackupTakenWhileCivic311RunsRestoresTheRequestsAndPhotosAsTheyWere() throws Exception {
        Path backup = directory.resolve("civic311.backup");
        List<String> live = place("live");
        String kept;
        String photo;
        String after;
        try (ConfigurableApplicationContext app = start(live)) {
            ServiceRequests requests = app.getBean(ServiceRequests.class);
            kept = Reports.binTagged(requests, "Tags on the bin before the backup");
            photo = app.getBean(MediaStore.class)
                    .store("photo", Images.jpegTakenAt(43.65, -79.38))
                    .path();

            CommandLineTests.Result taken = run("backup", backup, live);

            assertThat(taken.exitCode()).as(taken.output()).isZero();
            assertThat(taken.output()).contains("backup: " + backup + " written");
            assertThat(java.nio.file.Files.getPosixFilePermissions(backup))
                    .as("it holds personal data and password hashes")
                    .containsExactlyInAnyOrder(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            after = Reports.binTagged(requests, "Tags on the bin after the backup");
        }

        List<String> restored = place("restored");
        CommandLineTests.Result restore = run("restore", backup, restored);
        assertThat(restore.exitCode()).as(restore.output()).isZero();

        try (ConfigurableApplicationContext app = start(restored)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select description from service_request where public_id = :id")
                            .param("id", kept)
                            .query(String.class)
                            .single())
                    .isEqualTo("Tags on the bin before the backup");
            assertThat(jdbc.sql("select count(*) from service_request where public_id = :id")
                            .param("id", after)
                            .query(Integer.class)
                            .single())
                    .as("taken after the backup")
                    .isZero();
            assertThat(directory.resolve("restored-media").resolve(photo.substring(photo.lastIndexOf('/') + 1)))
                    .exists();
            String next = Reports.binTagged(app.getBean(ServiceRequests.class), "Tags on the bin after the restore");
            assertThat(number(next)).as("numbering carries on").isGreaterThan(number(kept));
        }

        CommandLineTests.Result again = run("restore", backup, restored);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.output()).contains("already holds data");
    }

    @Test
    void aFileThatIsNoBackupIsRefusedBeforeAnythingStarts() throws Exception {
        Path notABackup = Files.writeString(directory.resolve("notes.txt"), "hello");

        CommandLineTests.Result refused = run("restore", notABackup, place("nothing"));

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("is not a Civic311 backup");
        assertThat(directory.resolve("nothing-pg")).doesNotExist();
    }

    private List<String> place(String name) {
        return List.of(
                "--civic311.database.embedded.data-directory=" + directory.resolve(name + "-pg"),
                "--civic311.database.embedded.port=0",
                "--civic311.media.directory=" + directory.resolve(name + "-media"),
                "--civic311.demo.history=false",
                "--logging.level.root=WARN");
    }

    /** Civic311 on the place's database: the demo city, loaded into it while it is empty. */
    private static ConfigurableApplicationContext start(List<String> place) {
        List<String> arguments = new java.util.ArrayList<>(place);
        arguments.add("--civic311.demo.enabled=true");
        return new SpringApplicationBuilder(Civic311Application.class)
                .web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
    }

    private static long number(String publicId) {
        return Long.parseLong(publicId.replaceAll("\\D", ""));
    }
}
