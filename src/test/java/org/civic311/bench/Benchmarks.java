package org.civic311.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark suite: Civic311 as it runs (the packaged jar, the embedded PostgreSQL with fsync on) measured next to
 * what the database underneath can do in the same run, on the same machine. Writes its figures into
 * {@code docs/BENCHMARKS.md}.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark -DskipTests verify} (add {@code -Dbench.rows=10000000} for ten million rows).
 */
public final class Benchmarks {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String JURISDICTION = "toronto.ca";

    final Path work = Path.of("target/bench");
    final long rows = Long.getLong("bench.rows", 1_000_000);
    final int seconds = Integer.getInteger("bench.seconds", 20);
    final int pgPort = freePort();
    final int appPort = freePort();
    final Path jar;
    final Map<String, String> figures = new LinkedHashMap<>();
    final List<String[]> table = new ArrayList<>();
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Benchmarks() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("civic311-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("package Civic311 first: no target/civic311-*.jar"));
        }
    }

    public static void main(String[] args) throws Exception {
        new Benchmarks().run();
    }

    void run() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        say("Benchmarks with " + String.format("%,d", rows) + " generated requests; load phases of " + seconds + " s");

        // Start-up: the first (a new database, migrations, the demo city) and a start on existing data.
        Server first = Server.start(this);
        row("Start-up to healthy, new database and demo city", ms(first.startup), "", "");
        first.stop();

        Path csv = work.resolve("requests.csv");
        command("generate", csv.toString(), "--rows=" + rows, "--seed=311");
        long fileBytes = Files.size(csv);
        String imported = command("import", csv.toString(), "--batch=20000");
        double importRate = number(imported, "\\(([\\d,]+) rows/s\\)");
        // A second history of the same size, loaded in bulk (the indexes built after the load).
        Path second = work.resolve("more-requests.csv");
        command("generate", second.toString(), "--rows=" + rows, "--seed=312");
        String bulk = command("import", second.toString(), "--batch=20000", "--bulk");
        double bulkRate = number(bulk, "\\(([\\d,]+) rows/s\\)");

        Duration extracted = startExtracted(false);
        Duration cached = startExtracted(true);
        Server server = Server.start(this);
        row(
                "Start-up to healthy, existing data",
                ms(server.startup) + " (jar)",
                ms(extracted) + " extracted, " + ms(cached) + " extracted with an AOT cache",
                "target < 5 s");
        try (Connection db = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pgPort + "/civic311", "postgres", databasePassword())) {
            double copyRate = rawCopy(db, csv);
            row(
                    "Import (" + String.format("%,d", rows) + " rows, " + fileBytes / (1 << 20) + " MB CSV)",
                    String.format("%,.0f rows/s", importRate),
                    String.format("raw COPY %,.0f rows/s", copyRate),
                    ratio(importRate, copyRate) + " (target ≥ 50%)");
            row(
                    "Import --bulk (indexes built after the load, into " + String.format("%,d", rows) + " rows)",
                    String.format("%,.0f rows/s", bulkRate),
                    String.format("raw COPY %,.0f rows/s", copyRate),
                    ratio(bulkRate, copyRate) + " (target ≥ 50%)");
            double indexedRate = indexedCopy(db);
            row(
                    "Import, the database's share",
                    String.format("%,.0f rows/s", importRate),
                    String.format(
                            "COPY of the imported rows into service_request's shape and indexes %,.0f rows/s",
                            indexedRate),
                    ratio(importRate, indexedRate));
            long total = count(db);
            reads(db, total);
            intake(db, server);
            staffUnderLoad(server);
        } finally {
            server.stop();
        }
        write();
    }

    /**
     * Start-up of the jar extracted as Spring Boot recommends for production ({@code -Djarmode=tools extract}),
     * optionally with a JDK ahead-of-time cache made by a training run.
     */
    Duration startExtracted(boolean aotCache) throws Exception {
        Path app = work.resolve("app");
        Path extractedJar = app.resolve(jar.getFileName());
        if (!Files.exists(extractedJar)) {
            run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", app.toString()));
        }
        List<String> options = new ArrayList<>(List.of("-Xmx1g"));
        if (aotCache) {
            Path cache = app.resolve("app.aot");
            if (!Files.exists(cache)) {
                List<String> training = new ArrayList<>(List.of(
                        java(),
                        "-XX:AOTCacheOutput=" + cache,
                        "-Dspring.context.exit=onRefresh",
                        "-jar",
                        extractedJar.toString()));
                training.addAll(database());
                training.add("--logging.level.root=WARN");
                run(training);
            }
            options.add("-XX:AOTCache=" + cache);
        }
        options.addAll(List.of("-jar", extractedJar.toString()));
        Server server = Server.start(this, options);
        server.stop();
        return server.startup;
    }

    static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /**
     * Where intake's reports are placed: inland Toronto, north of the shore and south of Steeles, where every point
     * lies in a ward, so every report takes the full path (a point in the lake is refused at validation).
     */
    static final double SOUTH = 43.70, LAT_SPAN = 0.08, WEST = -79.50, LONG_SPAN = 0.22;

    // ---- Reads -------------------------------------------------------------------------------------------------

    void reads(Connection db, long total) throws Exception {
        // A city's table has long been visited by autovacuum; one freshly loaded has not, and autovacuum's first
        // pass over millions of rows would otherwise run during the measurement. So, first, what it would do.
        long settling = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("vacuum (analyze) service_request");
            s.execute("checkpoint");
        }
        say(String.format("  vacuum and checkpoint after the load: %.1f s", (System.nanoTime() - settling) / 1e9));
        Instant now = Instant.now();
        String from =
                now.minus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String to = now.truncatedTo(ChronoUnit.SECONDS).toString();
        String code = busiestType(db);
        String byType = "/open311/v2/requests.json?status=open&service_code=" + code + "&start_date=" + from
                + "&end_date=" + to + "&page_size=100";
        String byBox = "/open311/v2/requests.json?start_date=" + from + "&end_date=" + to
                + "&bbox=-79.42,43.64,-79.37,43.67&page_size=100";
        Latencies api = measure(300, () -> get(byType));
        Latencies apiBox = measure(300, () -> get(byBox));
        // The statements the application runs for these searches (RequestRepository.search), run directly.
        String select =
                """
                select r.id, r.jurisdiction_id, r.public_id, r.token, r.service_code, r.service_name, r.agency,
                       r.status_code, r.closed, r.status_notes, coalesce(r.description_public, r.description),
                       r.service_notice, r.address, r.address_id, r.zipcode, r.lat, r.lon, r.ward_code, r.channel,
                       r.attributes, r.requested_at, r.updated_at, r.expected_at, r.closed_at,
                       p.public_id as parent_public_id, r.department_code, r.assignee, r.resolution, r.sla_state,
                       r.repeat_count
                from service_request r left join service_request p on p.id = r.parent_id
                where r.jurisdiction_id = ?""";
        Latencies sql = measure(
                300,
                () -> query(
                        db,
                        select
                                + """
                         and r.service_code = ? and r.closed = false
                         and r.requested_at >= ?::timestamptz and r.requested_at <= ?::timestamptz
                        order by r.requested_at desc, r.id desc offset 0 limit 100""",
                        JURISDICTION,
                        code,
                        from,
                        to));
        Latencies sqlBox = measure(
                300,
                () -> query(
                        db,
                        select
                                + """
                         and r.requested_at >= ?::timestamptz and r.requested_at <= ?::timestamptz
                         and r.location <@ box(point(-79.42, 43.64), point(-79.37, 43.67))
                        order by r.requested_at <-> '9999-12-31T00:00:00Z'::timestamptz, r.id desc offset 0 limit 100""",
                        JURISDICTION,
                        from,
                        to));
        String at = String.format("%,d rows", total);
        row(
                "GET requests.json, open + type + 90 days, page of 100 (" + at + ")",
                api.describe(),
                "SQL " + sql.describe(),
                String.format("API p99 = %.1f× SQL's (target p99 < 20 ms)", api.p99() / Math.max(0.001, sql.p99())));
        row(
                "GET requests.json, bbox + 90 days, page of 100 (" + at + ")",
                apiBox.describe(),
                "SQL " + sqlBox.describe(),
                String.format("API p99 = %.1f× SQL's", apiBox.p99() / Math.max(0.001, sqlBox.p99())));
        double perSecond = throughput(10, () -> get(byType));
        row("GET requests.json at 10 clients", String.format("%,.0f /s", perSecond), "", "");
    }

    // ---- Intake ------------------------------------------------------------------------------------------------

    void intake(Connection db, Server server) throws Exception {
        List<String> codes = simpleTypes();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Long> rss = Collections.synchronizedList(new ArrayList<>());
        var sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> rss.add(server.rssKb()), 0, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        load(32, Duration.ofSeconds(seconds), () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String body = "api_key=demo-key&service_code=" + codes.get(random.nextInt(codes.size()))
                    + "&lat=" + (SOUTH + random.nextDouble() * LAT_SPAN) + "&long="
                    + (WEST + random.nextDouble() * LONG_SPAN)
                    + "&description=Benchmark+report+" + random.nextInt(1_000_000);
            long t = System.nanoTime();
            HttpResponse<String> response = send(HttpRequest.newBuilder(url("/open311/v2/requests.json"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
            latencies.add(System.nanoTime() - t);
            (response.statusCode() / 100 == 2 ? accepted : refused).incrementAndGet();
        });
        double elapsed = (System.nanoTime() - started) / 1e9;
        String heap = server.heapUsed();
        sampler.shutdownNow();
        Latencies intake = new Latencies(new ArrayList<>(latencies));
        double rate = accepted.get() / elapsed;
        figures.put("intake refused", String.valueOf(refused.get()));
        Baseline baseline = insertBaseline(db);
        row(
                "Open311 POST intake at 32 clients (full path)",
                String.format("%,.0f /s, %s", rate, intake.describe()),
                baseline.name + String.format(" %,.0f inserts/s", baseline.rate),
                ratio(rate, baseline.rate) + " (target ≥ 50%)");
        row(
                "Memory under intake load",
                "RSS max " + rss.stream().max(Long::compare).orElse(0L) / 1024 + " MB",
                heap,
                "");
        if (refused.get() > 0) {
            say("intake: " + refused.get() + " requests were refused");
        }
    }

    record Baseline(String name, double rate) {}

    /** One comparable row per transaction into a table with service_request's columns and indexes, 32 clients. */
    Baseline insertBaseline(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("drop table if exists bench_insert");
            s.execute("create table bench_insert (like service_request including all)");
            s.execute("create sequence if not exists bench_insert_seq");
        }
        String insert =
                """
                insert into bench_insert (jurisdiction_id, public_id, token, service_code, service_name, agency,
                    status_code, closed, description, lat, lon, ward_code, channel, requested_at, updated_at,
                    expected_at, department_code)
                values ('toronto.ca', 'B' || nextval('bench_insert_seq'), gen_random_uuid(), 'SWLMALB-02',
                    'Graffiti on a City litter bin', 'Solid Waste', 'new', false, 'Benchmark report',
                    %s + random() * %s, %s + random() * %s, '10', 'OPEN311', now(), now(),
                    now() + interval '3 days', 'SWM')"""
                        .formatted(SOUTH, LAT_SPAN, WEST, LONG_SPAN);
        Path pgbench = pgbench();
        double rate;
        String name;
        if (pgbench != null) {
            Path script = work.resolve("insert.sql");
            Files.writeString(script, insert.replace("\n", " ") + ";\n");
            ProcessBuilder pgbenchLine = new ProcessBuilder(
                    pgbench.toString(),
                    "-n",
                    "-c",
                    "32",
                    "-j",
                    "2",
                    "-T",
                    String.valueOf(seconds),
                    "-f",
                    script.toString(),
                    "-h",
                    "localhost",
                    "-p",
                    String.valueOf(pgPort),
                    "-U",
                    "postgres",
                    "civic311");
            pgbenchLine.environment().put("PGPASSWORD", databasePassword());
            Process process = pgbenchLine.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            rate = number(output, "tps = ([\\d.]+)");
            name = "pgbench";
        } else {
            AtomicLong done = new AtomicLong();
            String url = "jdbc:postgresql://localhost:" + pgPort + "/civic311";
            long started = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                for (int i = 0; i < 32; i++) {
                    pool.submit(() -> {
                        try (Connection c = DriverManager.getConnection(url, "postgres", databasePassword());
                                PreparedStatement p = c.prepareStatement(insert)) {
                            while (System.nanoTime() < deadline) {
                                p.executeUpdate();
                                done.incrementAndGet();
                            }
                        }
                        return null;
                    });
                }
            }
            rate = done.get() / ((System.nanoTime() - started) / 1e9);
            name = "JDBC (no pgbench here)";
        }
        try (Statement s = db.createStatement()) {
            s.execute("drop table bench_insert");
        }
        return new Baseline(name, rate);
    }

    // ---- Staff screens under load ------------------------------------------------------------------------------

    void staffUnderLoad(Server server) throws Exception {
        HttpClient staff =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = staff.send(HttpRequest.newBuilder(url("/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        staff.send(
                HttpRequest.newBuilder(url("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=supervisor&password=civic311-demo&_csrf=" + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String basic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString("supervisor:civic311-demo".getBytes(StandardCharsets.UTF_8));
        List<String> words = List.of("garbage", "pothole", "tree", "noise", "water", "parking", "bin", "snow");
        ConcurrentLinkedQueue<Long> search = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> inbox = new ConcurrentLinkedQueue<>();
        // A background of residents reading the API while staff search and list the inbox.
        Thread readers = Thread.ofPlatform().start(() -> {
            try {
                load(8, Duration.ofSeconds(seconds), () -> get("/open311/v2/requests.json?status=open&page_size=50"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        load(4, Duration.ofSeconds(seconds), () -> {
            long t = System.nanoTime();
            String word = words.get(ThreadLocalRandom.current().nextInt(words.size()));
            send(HttpRequest.newBuilder(url("/api/v1/knowledge/search?q=" + word))
                    .header("Authorization", basic)
                    .build());
            search.add(System.nanoTime() - t);
            t = System.nanoTime();
            try {
                HttpResponse<String> page = staff.send(
                        HttpRequest.newBuilder(url("/staff/inbox")).build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) {
                    throw new IllegalStateException("inbox answered " + page.statusCode());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
            inbox.add(System.nanoTime() - t);
        });
        readers.join();
        row("Knowledge search under load", new Latencies(new ArrayList<>(search)).describe(), "", "");
        row("Inbox listing under load", new Latencies(new ArrayList<>(inbox)).describe(), "", "");
    }

    // ---- Raw COPY ----------------------------------------------------------------------------------------------

    double rawCopy(Connection db, Path csv) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("drop table if exists bench_copy");
            s.execute(
                    """
                    create table bench_copy (city text, request_id text, created_at text, closed_at text, status text,
                        service_type text, service_subtype text, agency text, source_channel text, address text,
                        zipcode text, latitude text, longitude text, district text, description text,
                        source_repo text, source_path text, source_commit text)""");
        }
        long started = System.nanoTime();
        long copied;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            copied = db.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy bench_copy from stdin (format csv, header true)", in);
        }
        double rate = copied / ((System.nanoTime() - started) / 1e9);
        try (Statement s = db.createStatement()) {
            s.execute("drop table bench_copy");
        }
        return rate;
    }

    /**
     * The imported rows copied again, as rows of service_request, into a table with its columns, generated columns and
     * indexes: what the database itself must do for an import, without Civic311's reading and mapping.
     */
    double indexedCopy(Connection db) throws Exception {
        String columns =
                """
                jurisdiction_id, public_id, token, service_code, service_name, agency, status_code, closed, status_notes,
                description, address, zipcode, lat, lon, ward_code, channel, requested_at, updated_at, closed_at,
                department_code""";
        Path rowsFile = work.resolve("imported-rows.csv");
        PGConnection pg = db.unwrap(PGConnection.class);
        try (var out = Files.newOutputStream(rowsFile)) {
            pg.getCopyAPI()
                    .copyOut(
                            "copy (select " + columns
                                    + " from service_request where public_id like 'GEN-%') to stdout (format csv)",
                            out);
        }
        try (Statement s = db.createStatement()) {
            s.execute("drop table if exists bench_like");
            s.execute("create table bench_like (like service_request including all)");
        }
        long started = System.nanoTime();
        long copied;
        try (Reader in = Files.newBufferedReader(rowsFile, StandardCharsets.UTF_8)) {
            copied = pg.getCopyAPI().copyIn("copy bench_like (" + columns + ") from stdin (format csv)", in);
        }
        double rate = copied / ((System.nanoTime() - started) / 1e9);
        try (Statement s = db.createStatement()) {
            s.execute("drop table bench_like");
        }
        return rate;
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    String busiestType(Connection db) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(
                        "select service_code from service_request where not closed group by 1 order by count(*) desc limit 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    long count(Connection db) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from service_request")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> simpleTypes() throws Exception {
        JsonNode services = JSON.readTree(get("/open311/v2/services.json"));
        List<String> codes = new ArrayList<>();
        for (JsonNode service : services) {
            if (!service.path("metadata").asBoolean(true)) {
                codes.add(service.path("service_code").asString());
            }
        }
        return codes;
    }

    static void query(Connection db, String sql, String... parameters) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url(path)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    URI url(String path) {
        return URI.create("http://localhost:" + appPort + path);
    }

    /** Runs the task on {@code clients} threads, each as fast as it can, for the duration. */
    static void load(int clients, Duration duration, Runnable task) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        task.run();
                    }
                }));
            }
            for (var future : running) {
                future.get();
            }
        }
    }

    static double throughput(int clients, Runnable task) throws Exception {
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        load(clients, Duration.ofSeconds(10), () -> {
            task.run();
            done.incrementAndGet();
        });
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    static Latencies measure(int times, Runnable task) {
        // Enough rounds for the JIT to have compiled the path, as on a server that has been up for a while.
        for (int i = 0; i < 1000; i++) {
            task.run();
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            task.run();
            nanos.add(System.nanoTime() - t);
        }
        return new Latencies(nanos);
    }

    /** Latencies in nanoseconds, described as their median and 99th percentile. */
    record Latencies(List<Long> nanos) {
        Latencies {
            nanos = nanos.stream().sorted(Comparator.naturalOrder()).toList();
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double percentile(double p) {
            if (nanos.isEmpty()) {
                return 0;
            }
            return nanos.get(Math.min(nanos.size() - 1, (int) Math.ceil(p * nanos.size()) - 1)) / 1e6;
        }

        String describe() {
            return String.format("p50 %.1f ms, p99 %.1f ms", p50(), p99());
        }
    }

    String command(String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        line.addAll(List.of(args));
        line.addAll(database());
        line.add("--logging.level.root=WARN");
        say("$ civic311 " + String.join(" ", args));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed:\n" + output);
        }
        String last = output.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("WARNING"))
                .reduce((a, b) -> b)
                .orElse("");
        say("  " + last.replaceAll(".*\r", ""));
        return output;
    }

    /** The password the embedded database was given on its first start, kept beside its data directory. */
    String databasePassword() {
        try {
            return Files.readString(work.resolve("pg.password").toAbsolutePath())
                    .strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<String> database() {
        return List.of(
                // The suite measures the demo city and histories imported into it.
                "--civic311.demo.enabled=true",
                "--civic311.database.embedded.data-directory="
                        + work.resolve("pg").toAbsolutePath(),
                "--civic311.database.embedded.port=" + pgPort,
                "--civic311.media.directory=" + work.resolve("media").toAbsolutePath());
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path pgbench() {
        for (String candidate : List.of(
                "/usr/bin/pgbench",
                "/usr/lib/postgresql/17/bin/pgbench",
                "/usr/lib/postgresql/16/bin/pgbench",
                "/usr/lib/postgresql/15/bin/pgbench")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** A running Civic311: the packaged jar in its own process. */
    static final class Server {
        final Process process;
        final Duration startup;

        private Server(Process process, Duration startup) {
            this.process = process;
            this.startup = startup;
        }

        static Server start(Benchmarks bench) throws Exception {
            return start(bench, List.of("-Xmx1g", "-jar", bench.jar.toString()));
        }

        static Server start(Benchmarks bench, List<String> javaOptions) throws Exception {
            List<String> line = new ArrayList<>(List.of(java()));
            line.addAll(javaOptions);
            line.add("--server.port=" + bench.appPort);
            line.addAll(bench.database());
            line.add("--logging.level.root=WARN");
            // The benchmark is one client at full speed: the per-client limits would measure themselves.
            line.add("--civic311.open311.posts-per-minute-per-key=1000000");
            line.add("--civic311.open311.posts-per-minute-per-address=1000000");
            line.add("--civic311.open311.searches-per-minute-per-address=1000000");
            long started = System.nanoTime();
            Process process = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(bench.work.resolve("server.log").toFile())
                    .start();
            HttpRequest health = HttpRequest.newBuilder(bench.url("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "Civic311 stopped; see " + bench.work.resolve("server.log"));
                        }
                        try {
                            HttpResponse<String> answer = bench.http.send(health, HttpResponse.BodyHandlers.ofString());
                            return answer.statusCode() == 200 && answer.body().contains("UP");
                        } catch (IOException e) {
                            return false; // Not listening yet.
                        }
                    });
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            bench.say("  Civic311 healthy in " + ms(startup));
            return new Server(process, startup);
        }

        long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return 0;
        }

        String heapUsed() {
            try {
                Process jcmd = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                        .toString(),
                                String.valueOf(process.pid()),
                                "GC.heap_info")
                        .redirectErrorStream(true)
                        .start();
                String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                jcmd.waitFor();
                Matcher used = Pattern.compile("(?:total|committed) (\\d+)K, used (\\d+)K")
                        .matcher(output);
                return used.find()
                        ? "heap used " + Long.parseLong(used.group(2)) / 1024 + " MB of "
                                + Long.parseLong(used.group(1)) / 1024 + " MB"
                        : "heap: " + output.lines().findFirst().orElse("?");
            } catch (IOException | InterruptedException e) {
                return "heap: unknown";
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    // ---- Output ------------------------------------------------------------------------------------------------

    void row(String what, String civic311, String baseline, String ratio) {
        table.add(new String[] {what, civic311, baseline, ratio});
        say(String.format("  %-60s %-34s %-34s %s", what, civic311, baseline, ratio));
    }

    void write() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("<!-- suite:begin -->\n");
        out.append("## The benchmark suite (").append(LocalDate.now()).append(")\n\n");
        out.append("`./mvnw -Pbenchmark -DskipTests verify` (")
                .append(String.format("%,d", rows))
                .append(" generated requests, load phases of ")
                .append(seconds)
                .append(" s; `-Dbench.rows=` and ")
                .append("`-Dbench.seconds=` change them). Civic311 runs from its jar against the embedded PostgreSQL ")
                .append("with fsync on; each baseline runs in the same run, on the same database.\n\n");
        out.append("Machine: ").append(machine()).append("\n\n");
        out.append("| Measure | Civic311 | Baseline | Ratio |\n|---|---|---|---|\n");
        for (String[] r : table) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        out.append("\n<!-- suite:end -->\n");
        Path docs = Path.of("docs/BENCHMARKS.md");
        String text = Files.readString(docs);
        int begin = text.indexOf("<!-- suite:begin -->");
        int end = text.indexOf("<!-- suite:end -->");
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + out + text.substring(end + "<!-- suite:end -->\n".length())
                : text + "\n" + out;
        Files.writeString(docs, updated);
        say("Figures written to " + docs);
    }

    static String machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.replaceAll(".*:\\s*", ""))
                    .orElse("unknown CPU");
            String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GB RAM")
                    .orElse("");
            return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + ", Java "
                    + System.getProperty("java.version") + ", PostgreSQL 17 (embedded)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String ratio(double value, double baseline) {
        return baseline <= 0 ? "" : String.format("%.0f%%", 100 * value / baseline);
    }

    static String ms(Duration duration) {
        return String.format("%.2f s", duration.toMillis() / 1000.0);
    }

    static double number(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in:\n" + text);
        }
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void say(String line) {
        System.out.println(line);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
