package org.civic311.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Catalog;
import org.civic311.requests.HistoryLoader;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Loading history from open data files: COPY batches, refused rows by line, unknown kinds, and resuming. */
@Civic311Test
class HistoryImportTests {

    static final String HEADER =
            "city,request_id,created_at,closed_at,status,service_type,service_subtype,agency,source_channel,address,"
                    + "zipcode,latitude,longitude,district,description,source_repo,source_path,source_commit\n";

    @Autowired
    HistoryImport imports;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path directory;

    Path file(String name, String content) throws Exception {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    static HistoryImport.Options options(int batch) {
        return new HistoryImport.Options(null, null, null, batch);
    }

    Map<String, Object> request(String publicId) {
        return jdbc.sql(
                        """
                        select service_code, closed, ward_code, requested_at, closed_at, description, channel, lat
                        from service_request where public_id = :id""")
                .param("id", publicId)
                .query()
                .singleRow();
    }

    @Test
    void rowsAreLoadedUnknownKindsJoinTheCatalogueAndEveryRefusedRowIsNamedByItsLine() throws Exception {
        Path csv = file(
                "mixed.csv",
                HEADER
                        + "Toronto,IMPA-1,2018-10-01T09:30:00,2018-10-02T10:00:00,Closed,Graffiti on a City litter bin,,"
                        + "Solid Waste,Phone,1033 Queen St W,,43.6437614,-79.4194418,,Tags on the bin,r,p,c\n"
                        + "Toronto,IMPA-2,2018-10-01T11:00:00,,Open,SW-Bulk Scheduled,,Solid Waste Pickup,API,"
                        + "\"608 Gittings Ave, Unit 2\",,43.6437614,-79.4194418,,\"Couch\nleft \"\"out\"\"\",r,p,c\n"
                        + "Toronto,IMPA-3,2018-10-01T12:00:00,,Open,SW-Bulk Scheduled,,Solid Waste Pickup,API,,,north,-79.4,,,r,p,c\n"
                        + "Toronto,IMPA-4,,,Open,SW-Bulk Scheduled,,Solid Waste Pickup,API,,,,,,,r,p,c\n"
                        + "Toronto,IMPA-1,2018-10-03T12:00:00,,Open,SW-Bulk Scheduled,,Solid Waste Pickup,API,,,,,,,r,p,c\n"
                        + "Toronto,IMPA-5,2018-10-01T12:00:00,2018-09-01T12:00:00,Closed,SW-Bulk Scheduled,,,API,,,,,,,r,p,c\n"
                        + "Toronto,IMPA-6,2018-10-04,,Open,SW-Bulk Scheduled,,Solid Waste Pickup,API,,,,,,,r,p,c\n");

        HistoryImport.Summary summary = imports.importFile(csv, options(3), progress -> {});

        assertThat(summary.imported()).isEqualTo(3);
        assertThat(summary.refusals())
                .extracting(r -> r.line() + " " + r.reason())
                .containsExactly(
                        "5 latitude is not a number: 'north'",
                        "6 created_at is missing",
                        "7 request IMPA-1 is already loaded",
                        "8 closed_at is before created_at");
        Map<String, Object> known = request("IMPA-1");
        assertThat(known.get("service_code")).isEqualTo("SWLMALB-02");
        assertThat(known.get("closed")).isEqualTo(true);
        assertThat(known.get("ward_code")).isNotNull();
        assertThat(known.get("channel")).isEqualTo("IMPORT");
        // Local times are the city's: 9:30 in Toronto in October is 13:30 UTC.
        assertThat(((java.sql.Timestamp) known.get("requested_at")).toInstant())
                .isEqualTo(Instant.parse("2018-10-01T13:30:00Z"));
        Map<String, Object> unknown = request("IMPA-2");
        assertThat(unknown.get("service_code")).isEqualTo("IMP-SW-BULK-SCHEDULED");
        assertThat(unknown.get("description")).isEqualTo("Couch\nleft \"out\"");
        assertThat(catalog.serviceType("toronto.ca", "IMP-SW-BULK-SCHEDULED")).hasValueSatisfying(type -> {
            assertThat(type.active()).isFalse();
            assertThat(type.group()).isEqualTo("Imported");
            assertThat(type.agencyName()).isEqualTo("Solid Waste Pickup");
        });
        assertThat(((java.sql.Timestamp) request("IMPA-6").get("requested_at")).toInstant())
                .isEqualTo(Instant.parse("2018-10-04T04:00:00Z"));

        // The same file again loads nothing twice: each row is refused as already loaded.
        HistoryImport.Summary again = imports.importFile(csv, options(100), progress -> {});
        assertThat(again.imported()).isZero();
        assertThat(again.refusals()).hasSize(7);
    }

    @Test
    void anInterruptedImportResumesAfterItsLastCommittedBatchAndLoadsEachRowOnce() throws Exception {
        StringBuilder content = new StringBuilder(HEADER);
        for (int i = 1; i <= 10; i++) {
            content.append("Toronto,IMPB-")
                    .append(i)
                    .append(",2018-10-01T09:00:00,,Open,Graffiti on a City litter bin,,,Web,,,,,,,r,p,c\n");
        }
        Path csv = file("interrupted.csv", content.toString());
        List<Long> seen = new ArrayList<>();
        assertThatThrownBy(() -> imports.importFile(csv, options(4), progress -> {
                    seen.add(progress.imported());
                    if (progress.imported() >= 4) {
                        throw new IllegalStateException("power cut");
                    }
                }))
                .hasMessage("power cut");
        assertThat(count("IMPB-%")).isEqualTo(4);

        HistoryImport.Summary resumed = imports.importFile(csv, options(4), progress -> {});

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.imported()).isEqualTo(10);
        assertThat(resumed.refusals()).isEmpty();
        assertThat(count("IMPB-%")).isEqualTo(10);
    }

    @Test
    void anOpen311ArchiveIsReadRequestByRequestWithItsLines() throws Exception {
        Path json = file(
                "archive.json",
                """
                [
                  {"service_request_id": "IMPC-1", "status": "closed", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-01T09:00:00-04:00", "updated_datetime": "2018-10-02T09:00:00-04:00",
                   "lat": 43.6437614, "long": -79.4194418, "status_notes": "Completed. Tags removed."},
                  {"service_request_id": "IMPC-2", "status": "pending", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-01T09:00:00-04:00"},
                  {"service_request_id": "IMPC-3", "status": "open", "service_code": "999", "service_name": "Snow angel",
                   "requested_datetime": "2018-10-01T09:00:00-04:00", "expected_datetime": "2018-10-05T09:00:00-04:00"}
                ]
                """);

        HistoryImport.Summary summary = imports.importFile(json, options(100), progress -> {});

        assertThat(summary.imported()).isEqualTo(2);
        assertThat(summary.refusals())
                .extracting(HistoryLoader.Refusal::line, HistoryLoader.Refusal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, "status must be open or closed"));
        assertThat(request("IMPC-1").get("closed")).isEqualTo(true);
        assertThat(request("IMPC-3").get("service_code")).isEqualTo("IMP-999");
        assertThat(jdbc.sql("select sla_state from service_request where public_id = 'IMPC-3'")
                        .query(String.class)
                        .single())
                .as("open and long past its due date: breached as it was, not a new breach for the watch to escalate")
                .isEqualTo("BREACHED");
    }

    @Test
    void anArchivedPhotoOfAPrivatePlaceIsForStaffWhicheverWayTheArchiveIsLoaded() throws Exception {
        String archive =
                """
                [
                  {"service_request_id": "%s", "status": "open", "service_code": "MLS-PROPERTY-STANDARDS",
                   "requested_datetime": "2018-10-01T09:00:00-04:00", "lat": 43.6437614, "long": -79.4194418,
                   "media_url": "https://photos.example.org/yard.jpg"},
                  {"service_request_id": "%s", "status": "open", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-01T09:00:00-04:00", "lat": 43.6437614, "long": -79.4194418,
                   "media_url": "https://photos.example.org/bin.jpg"}
                ]
                """;
        imports.importFile(file("yards.json", archive.formatted("IMPP-1", "IMPP-2")), options(100), progress -> {});
        open311Archive.load(
                "toronto.ca",
                new java.io.ByteArrayInputStream(
                        archive.formatted("IMPP-3", "IMPP-4").getBytes(StandardCharsets.UTF_8)));

        assertThat(jdbc.sql(
                                """
                                select r.public_id, m.public from request_media m
                                join service_request r on r.id = m.request_id
                                where r.public_id like 'IMPP-%' order by r.public_id""")
                        .query((rs, n) -> rs.getString(1) + " " + rs.getBoolean(2))
                        .list())
                .containsExactly("IMPP-1 false", "IMPP-2 true", "IMPP-3 false", "IMPP-4 true");
    }

    @Test
    void anArchivedStatusNoteIsPublishedWithoutTheNumbersAndAddressesInItWhicheverWayItIsLoaded() throws Exception {
        String archive =
                """
                [
                  {"service_request_id": "%s", "status": "closed", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-01T09:00:00-04:00", "lat": 43.6437614, "long": -79.4194418,
                   "status_notes": "Called the resident at 416-555-0177 (ruth.k@example.org); tags removed."}
                ]
                """;
        imports.importFile(file("notes.json", archive.formatted("IMPN-1")), options(100), progress -> {});
        open311Archive.load(
                "toronto.ca",
                new java.io.ByteArrayInputStream(archive.formatted("IMPN-2").getBytes(StandardCharsets.UTF_8)));

        assertThat(jdbc.sql("select status_notes from service_request where public_id like 'IMPN-%'")
                        .query(String.class)
                        .list())
                .hasSize(2)
                .allSatisfy(notes -> assertThat(notes)
                        .contains("tags removed")
                        .doesNotContain("416-555-0177", "ruth.k@example.org"));
    }

    @Test
    void anArchivedDescriptionIsPublishedWithoutItsAbusiveWordsWhicheverWayItIsLoaded() throws Exception {
        String archive =
                """
                [
                  {"service_request_id": "%s", "status": "closed", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-02T09:00:00-04:00", "lat": 43.6437614, "long": -79.4194418,
                   "description": "These f*cking tags again on the wall"}
                ]
                """;
        imports.importFile(file("abuse.json", archive.formatted("IMPV-1")), options(100), progress -> {});
        open311Archive.load(
                "toronto.ca",
                new java.io.ByteArrayInputStream(archive.formatted("IMPV-2").getBytes(StandardCharsets.UTF_8)));

        assertThat(jdbc.sql(
                                """
                                select description || ' | ' || description_public from service_request
                                where public_id like 'IMPV-%'""")
                        .query(String.class)
                        .list())
                .as("staff keep the words as written; the public reads them masked")
                .hasSize(2)
                .allSatisfy(both -> {
                    String[] parts = both.split(" \\| ");
                    assertThat(parts[0]).contains("f*cking");
                    assertThat(parts[1]).contains("tags again").doesNotContain("f*cking");
                });
    }

    @Test
    void anArchivedPhotoLinkThatIsNoWebAddressIsRefusedWithItsRowWhicheverWayItIsLoaded() throws Exception {
        String archive =
                """
                [
                  {"service_request_id": "%s", "status": "closed", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-03T09:00:00-04:00", "media_url": "javascript:alert(document.cookie)"}
                ]
                """;
        HistoryImport.Summary summary =
                imports.importFile(file("links.json", archive.formatted("IMPL-1")), options(100), progress -> {});
        var report = open311Archive.load(
                "toronto.ca",
                new java.io.ByteArrayInputStream(archive.formatted("IMPL-2").getBytes(StandardCharsets.UTF_8)));

        assertThat(summary.refusals())
                .extracting(r -> r.reason())
                .containsExactly("media_url must be an http or https address");
        assertThat(report.rejected())
                .extracting(r -> r.reason())
                .containsExactly("media_url must be an http or https address");
        assertThat(jdbc.sql("select count(*) from service_request where public_id like 'IMPL-%'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aRequestTwiceInOneFileIsRefusedTheSecondTimeNamingTheFirstLine() throws Exception {
        Path json = file(
                "twice.json",
                """
                [
                  {"service_request_id": "IMPT-1", "status": "open", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-01T09:00:00-04:00"},
                  {"service_request_id": "IMPT-1", "status": "closed", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-01T09:00:00-04:00"}
                ]
                """);

        HistoryImport.Summary summary = imports.importFile(json, options(100), progress -> {});

        assertThat(summary.imported()).isEqualTo(1);
        assertThat(summary.refusals())
                .extracting(HistoryLoader.Refusal::line, HistoryLoader.Refusal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        4L, "request IMPT-1 appears earlier in the file, at line 2"));
    }

    @Autowired
    org.civic311.open311.Open311Archive open311Archive;

    @Test
    void anArchivesLocalTimesAreTheCitysAndItsOverlongFieldsAreCutAsTheCsvsAre() throws Exception {
        Path json = file(
                "local.json",
                """
                [
                  {"service_request_id": "IMPJ-1", "status": "open", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-01T09:30:00", "address": "%s"}
                ]
                """
                        .formatted("1033 Queen St W ".repeat(400)));

        HistoryImport.Summary summary = imports.importFile(json, options(100), progress -> {});

        assertThat(summary.refusals()).isEmpty();
        assertThat(((java.sql.Timestamp) request("IMPJ-1").get("requested_at")).toInstant())
                .as("9:30 in Toronto")
                .isEqualTo(Instant.parse("2018-10-01T13:30:00Z"));
        assertThat(jdbc.sql("select length(address) from service_request where public_id = 'IMPJ-1'")
                        .query(Integer.class)
                        .single())
                .isLessThanOrEqualTo(300);
    }

    @Test
    void anArchiveCutShortKeepsTheRequestsBeforeTheBreakAndSaysWhereItBroke() throws Exception {
        Path json = file(
                "cut.json",
                """
                [
                  {"service_request_id": "IMPH-1", "status": "closed", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-01T09:00:00-04:00", "updated_datetime": "2018-10-02T09:00:00-04:00"},
                  {"service_request_id": "IMPH-2", "status": "open", "service_code": "SWLMALB-02",
                   "requested_datetime": "2018-10-01T09:00:00-04:00"},
                  {"service_request_id": "IMPH-3", "status": "op""");

        HistoryImport.Summary summary = imports.importFile(json, options(100), progress -> {});

        assertThat(summary.imported()).isEqualTo(2);
        assertThat(summary.refusals()).singleElement().satisfies(refusal -> assertThat(refusal.reason())
                .startsWith("the archive's JSON breaks here ("));
        assertThat(request("IMPH-2").get("closed")).isEqualTo(false);
    }

    @Test
    void theCommandWritesEveryRefusedRowToAReportInTheWorkingDirectory() throws Exception {
        Path csv = file(
                "command.csv",
                HEADER
                        + "Toronto,IMPD-1,2018-10-01T09:00:00,,Open,Graffiti on a City litter bin,,,Web,,,,,,,r,p,c\n"
                        + "Toronto,IMPD-2,yesterday,,Open,Graffiti on a City litter bin,,,Web,,,,,,,r,p,c\n");
        Path working = Files.createDirectories(directory.resolve("working"));
        ImportCommand command = new ImportCommand(imports, working);

        command.run(new DefaultApplicationArguments(csv.toString(), "--batch=10"));

        assertThat(command.getExitCode()).isZero();
        assertThat(Files.readString(working.resolve("command.csv.refused.csv")))
                .isEqualTo("line,request_id,reason\n3,\"IMPD-2\",\"created_at is not a date and time: 'yesterday'\"\n");
        assertThat(count("IMPD-%")).isEqualTo(1);

        ImportCommand wrong = new ImportCommand(imports);
        wrong.run(new DefaultApplicationArguments(csv.toString(), "--batch=0"));
        assertThat(wrong.getExitCode()).isEqualTo(2);
    }

    @Test
    void aMinifiedOpen311ArchiveResumesByRecordAndKeepsEveryRefusalOfItsOneLine() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 1; i <= 10; i++) {
            json.append(i == 1 ? "" : ",")
                    .append("{\"service_request_id\":\"IMPE-")
                    .append(i)
                    .append("\",\"status\":\"")
                    .append(i == 2 || i == 9 ? "pending" : "open")
                    .append("\",\"service_code\":\"SWLMALB-02\",\"requested_datetime\":\"2018-10-01T09:00:00-04:00\"}");
        }
        Path archive = file("minified.json", json.append("]").toString());
        assertThatThrownBy(() -> imports.importFile(archive, options(4), progress -> {
                    throw new IllegalStateException("power cut");
                }))
                .hasMessage("power cut");

        HistoryImport.Summary resumed = imports.importFile(archive, options(4), progress -> {});

        assertThat(resumed.resumed()).isTrue();
        assertThat(count("IMPE-%")).isEqualTo(8);
        assertThat(resumed.refusals())
                .extracting(HistoryLoader.Refusal::record, HistoryLoader.Refusal::line, HistoryLoader.Refusal::publicId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, 1L, "IMPE-2"),
                        org.assertj.core.groups.Tuple.tuple(9L, 1L, "IMPE-9"));
    }

    @Test
    void aBulkImportSetsTheIndexesAsideAndBuildsThemAgainEvenAfterAnInterruption() throws Exception {
        List<String> indexes = indexes();
        StringBuilder content = new StringBuilder(HEADER);
        for (int i = 1; i <= 10; i++) {
            content.append("Toronto,IMPF-")
                    .append(i)
                    .append(
                            ",2018-10-01T09:00:00,,Open,Graffiti on a City litter bin,,,Web,,,43.6437614,-79.4194418,,,r,p,c\n");
        }
        Path csv = file("bulk.csv", content.toString());
        HistoryImport.Options bulk = new HistoryImport.Options(null, null, null, 4, true);
        assertThatThrownBy(() -> imports.importFile(csv, bulk, progress -> {
                    throw new IllegalStateException("power cut");
                }))
                .hasMessage("power cut");
        assertThat(indexes()).hasSizeLessThan(indexes.size());

        HistoryImport.Summary resumed = imports.importFile(csv, bulk, progress -> {});

        assertThat(resumed.imported()).isEqualTo(10);
        assertThat(indexes()).containsExactlyInAnyOrderElementsOf(indexes);
        // Tracking numbers stay unique throughout: the constraint is never set aside.
        assertThat(imports.importFile(csv, bulk, progress -> {}).refusals()).hasSize(10);
        assertThat(indexes()).containsExactlyInAnyOrderElementsOf(indexes);

        // Interrupted again, and another file imported instead of resuming: its end builds them too.
        Path edited = file("bulk-edited.csv", content.toString().replace("IMPF-", "IMPG-"));
        assertThatThrownBy(() -> imports.importFile(edited, bulk, progress -> {
                    throw new IllegalStateException("power cut");
                }))
                .hasMessage("power cut");
        assertThat(indexes()).hasSizeLessThan(indexes.size());
        imports.importFile(file("other.csv", HEADER), options(100), progress -> {});
        assertThat(indexes()).containsExactlyInAnyOrderElementsOf(indexes);
    }

    List<String> indexes() {
        return jdbc.sql("select indexdef from pg_indexes where tablename = 'service_request'")
                .query(String.class)
                .list();
    }

    int count(String pattern) {
        return jdbc.sql("select count(*) from service_request where public_id like :p")
                .param("p", pattern)
                .query(Integer.class)
                .single();
    }
}
