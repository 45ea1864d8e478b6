package org.subsidyledger.ledger.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * Runs a posting request at most once per {@code Idempotency-Key} and user (a file: once per content). The action, its events and the stored response
 * commit in one transaction; a retry with the same key and the same request gets the first response, a retry with
 * the same key and another request is refused. Without a key the action simply runs in a transaction. The answer
 * is a typed record: stored as JSON beside the key, and read back into the same type when replayed.
 */
@Component
public class IdempotentRequests {

    /** What a posting endpoint answers: a status and its typed body. */
    public record Response<T>(int status, T body) {
    }

    private record Stored(String digest, int status, String body) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    IdempotentRequests(JdbcClient jdbc, TransactionTemplate transactions,
                       @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * Runs a request at most once per key <em>of the signed-in user</em>: another user sending the same key gets
     * their own request run, never the first user's answer.
     *
     * @param scope   what the key is unique within, e.g. {@code enrolments:PROGRAM}
     * @param key     the client's Idempotency-Key, or {@code null}
     * @param request what identifies the request: its body, or for files their digest and parameters
     */
    public <T> ResponseEntity<T> run(String scope, String key, Object request, Class<T> type,
                                     Supplier<Response<T>> action) {
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw new LedgerException(ErrorCode.MALFORMED_REQUEST, "Idempotency-Key must be 1–200 characters");
        }
        String digest = digestOf(request);
        String principal = key == null ? ANYONE : currentUser();
        if (key != null) {
            // Keys recorded before keys belonged to users (principal '') still replay.
            Optional<Stored> earlier = find(scope, principal, key).or(() -> find(scope, ANYONE, key));
            if (earlier.isPresent()) {
                return replay(earlier.get(), digest, key, type);
            }
        }
        return execute(scope, principal, key, digest, type, action);
    }

    /**
     * A file is recorded once, whoever posts it within the same region scope: without a client key its SHA-256 (and
     * the poster's regions, when scoped: what a file records depends on them) is the key. When what it recorded has
     * since been undone ({@code superseded}, e.g. its batch was withdrawn), posting it again runs it anew.
     */
    public <T> ResponseEntity<T> runFile(String scope, String clientKey, String fileSha256, Object request,
                                         Class<T> type, Predicate<T> superseded, Supplier<Response<T>> action) {
        if (clientKey != null) {
            return run(scope, clientKey, request, type, action);
        }
        String digest = digestOf(request);
        org.subsidyledger.projections.port.AccessScope poster = org.subsidyledger.projections.port.AccessScope.current();
        String regions = String.join(",", new java.util.TreeSet<>(poster.regions()));
        String base = "file:" + fileSha256 + (!poster.scoped() ? ""
                : "@" + (regions.length() <= 100 ? regions : sha256(regions.getBytes(StandardCharsets.UTF_8))));
        List<Stored> earlier = jdbc.sql("""
                        SELECT request_digest, status, response_body FROM idempotent_request
                        WHERE scope = :scope AND principal = '' AND (idempotency_key = :base OR idempotency_key LIKE :more)
                        ORDER BY recorded_at DESC, idempotency_key DESC""")
                .param("scope", scope).param("base", base).param("more", base + "#%")
                .query((rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .list();
        if (!earlier.isEmpty() && !superseded.test(read(earlier.get(0).body(), type))) {
            return replay(earlier.get(0), digest, base, type);
        }
        String key = earlier.isEmpty() ? base : base + "#" + earlier.size();
        return execute(scope, ANYONE, key, digest, type, action);
    }

    private <T> ResponseEntity<T> execute(String scope, String principal, String key, String digest, Class<T> type,
                                          Supplier<Response<T>> action) {
        try {
            Response<T> answered = transactions.execute(status -> {
                Response<T> response = action.get();
                String body = write(response.body());
                if (key != null) {
                    jdbc.sql("""
                                    INSERT INTO idempotent_request (scope, principal, idempotency_key, request_digest,
                                                                    status, response_body)
                                    VALUES (:scope, :principal, :key, :digest, :status, :body)""")
                            .param("scope", scope).param("principal", principal).param("key", key)
                            .param("digest", digest).param("status", response.status()).param("body", body)
                            .update();
                }
                return response;
            });
            return ResponseEntity.status(answered.status()).contentType(MediaType.APPLICATION_JSON)
                    .body(answered.body());
        } catch (DuplicateKeyException e) {
            // A concurrent request with the same key won; ours rolled back entirely.
            return find(scope, principal, key).map(s -> replay(s, digest, key, type)).orElseThrow(() -> e);
        }
    }

    /** File keys are shared by every user; client keys belong to the user who sent them. */
    private static final String ANYONE = "";

    private static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication.getName() == null || authentication.getName().isBlank()) {
            throw new IllegalStateException("an idempotent request needs a signed-in user");
        }
        return authentication.getName();
    }

    /** A stored answer as its type again (fields added to the type since it was stored are null). */
    private <T> T read(String body, Class<T> type) {
        try {
            return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored response does not read as " + type.getSimpleName(), e);
        }
    }

    /** SHA-256 of bytes, as 64 hex digits. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> ResponseEntity<T> replay(Stored stored, String digest, String key, Class<T> type) {
        if (!stored.digest().equals(digest)) {
            throw new LedgerException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key '" + key + "' was already used for a different request");
        }
        return ResponseEntity.status(stored.status()).header("Idempotent-Replayed", "true")
                .contentType(MediaType.APPLICATION_JSON).body(read(stored.body(), type));
    }

    private Optional<Stored> find(String scope, String principal, String key) {
        return jdbc.sql("""
                        SELECT request_digest, status, response_body FROM idempotent_request
                        WHERE scope = :scope AND principal = :principal AND idempotency_key = :key""")
                .param("scope", scope).param("principal", principal).param("key", key)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .optional();
    }

    private String digestOf(Object request) {
        return sha256(write(request).getBytes(StandardCharsets.UTF_8));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }
}
