package org.civic311.conversations;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes in 311's mail over SMTP (RFC 5321: HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), for cities whose mail
 * server forwards it here instead of keeping a mailbox. Only the configured recipients are accepted; a message is
 * acknowledged with 250 only once it is stored, so the sending server keeps and retries what was not.
 */
@Component
class SmtpEndpoint implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpEndpoint.class);
    /** Longer lines are cut rather than held: a sender cannot fill the memory with a line that never ends. */
    static final int MAX_LINE = 1_000_000;

    private final EmailPoller mail;
    private final InboxProperties.Smtp properties;
    private final Session session = Session.getInstance(new Properties());
    private @Nullable ServerSocket server;
    private @Nullable ExecutorService connections;

    private final boolean command;
    private final SmtpClients clients;
    private final java.util.concurrent.Semaphore served;

    /**
     * @param command the command this process runs (a backup, an import), when it runs one: it takes in no mail,
     *     and beside a running server it would find the port taken and fail
     */
    SmtpEndpoint(
            EmailPoller mail,
            InboxProperties properties,
            @org.springframework.beans.factory.annotation.Value("${civic311.command:}") String command) {
        this.mail = mail;
        this.properties = properties.smtp();
        this.command = !command.isBlank();
        this.clients = SmtpClients.of(this.properties.clients());
        this.served = new java.util.concurrent.Semaphore(Math.max(1, this.properties.maxConnections()));
    }

    /** The port it listens on, once started. */
    int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    @Override
    public void start() {
        if (properties.port() == null || command) {
            return;
        }
        try {
            server = new ServerSocket(properties.port(), 50, InetAddress.getByName(properties.address()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for SMTP on port " + properties.port(), e);
        }
        connections = Executors.newVirtualThreadPerTaskExecutor();
        connections.submit(this::accept);
        log.info("Taking in 311 mail over SMTP on {}:{}", properties.address(), port());
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            log.debug("SMTP listener closed: {}", e.getMessage());
        }
        if (connections != null) {
            connections.shutdownNow();
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null && !server.isClosed();
    }

    private void accept() {
        while (server != null && !server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setSoTimeout(60_000);
                connections.submit(() -> serve(socket));
            } catch (SocketException e) {
                return; // closed by stop()
            } catch (IOException e) {
                log.warn("SMTP accept failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Serves a connection from an allowed mail server while fewer than the most are served: each may hold a message
     * of the largest size in memory, and slow senders must not add up to all of it.
     */
    private void serve(Socket socket) {
        if (!clients.allows(socket.getInetAddress())) {
            log.warn("SMTP connection from {} refused: not a listed client", socket.getInetAddress());
            refuse(socket, "554 not accepted from this host");
            return;
        }
        if (!served.tryAcquire()) {
            refuse(socket, "421 too many connections, try again later");
            return;
        }
        try {
            converse(socket);
        } finally {
            served.release();
        }
    }

    private static void refuse(Socket socket, String why) {
        try (socket;
                OutputStream out = socket.getOutputStream()) {
            out.write((why + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            log.debug("SMTP connection ended: {}", e.getMessage());
        }
    }

    private void converse(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
            reply(out, "220 civic311 ESMTP ready");
            boolean sender = false;
            boolean recipient = false;
            while (true) {
                String line = line(in);
                if (line == null) {
                    return;
                }
                String command = line.length() < 4
                        ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "HELO" -> reply(out, "250 civic311");
                    case "EHLO" ->
                        reply(
                                out,
                                "250-civic311\r\n250-SIZE "
                                        + properties.maxSize().toBytes() + "\r\n250 8BITMIME");
                    case "MAIL" -> {
                        sender = true;
                        recipient = false;
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        if (!sender) {
                            reply(out, "503 MAIL first");
                        } else if (accepts(line)) {
                            recipient = true;
                            reply(out, "250 OK");
                        } else {
                            reply(out, "550 no such mailbox here");
                        }
                    }
                    case "DATA" -> {
                        if (!recipient) {
                            reply(out, "503 RCPT first");
                            continue;
                        }
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        Data data = data(in);
                        if (data == Data.CUT) {
                            return; // the connection ended inside DATA: nothing was accepted, nothing is kept
                        } else if (data == Data.TOO_LARGE) {
                            reply(out, "552 message larger than " + properties.maxSize());
                        } else {
                            reply(out, store(data.bytes()));
                        }
                        sender = false;
                        recipient = false;
                    }
                    case "RSET" -> {
                        sender = false;
                        recipient = false;
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "500 unknown command");
                }
            }
        } catch (IOException e) {
            log.debug("SMTP connection ended: {}", e.getMessage());
        }
    }

    private String store(byte[] data) {
        try {
            MimeMessage message = EmailPoller.parse(session, data);
            if (!EmailPoller.hasSender(message)) {
                return "550 a message needs a sender to be answered";
            }
            mail.receive(message, properties.jurisdiction());
            return "250 OK stored";
        } catch (MessagingException | RuntimeException e) {
            // Not acknowledged: the sending server keeps the message and tries again.
            log.warn("Mail received over SMTP not stored: {}", e.getMessage());
            return "451 not stored, try again later";
        }
    }

    private boolean accepts(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return false;
        }
        String address = line.substring(open + 1, close).strip().toLowerCase(Locale.ROOT);
        return properties.recipients().stream().anyMatch(r -> r.equalsIgnoreCase(address));
    }

    /** What DATA brought: the message, or that it was too large, or that the connection ended before its end. */
    private record Data(byte[] bytes) {
        static final Data TOO_LARGE = new Data(new byte[0]);
        static final Data CUT = new Data(new byte[0]);
    }

    /** The message up to the line holding a single dot, dot-unstuffed. */
    private Data data(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        long max = properties.maxSize().toBytes();
        boolean tooLarge = false;
        while (true) {
            String line = line(in);
            if (line == null) {
                return Data.CUT;
            }
            if (line.equals(".")) {
                return tooLarge ? Data.TOO_LARGE : new Data(message.toByteArray());
            }
            if (line.startsWith(".")) {
                line = line.substring(1);
            }
            if (!tooLarge) {
                message.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                tooLarge = message.size() > max;
                if (tooLarge) {
                    message.reset();
                }
            }
        }
    }

    /** One line without its CRLF, read byte by byte (mail is 8-bit), or null at the end of the stream. */
    private static @Nullable String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
