package org.subsidyledger.projections.evaluation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads rubrics from YAML: the ones shipped in {@code rubrics/*.yaml} on the classpath, or any other file. */
public final class Rubrics {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Rubrics() {
    }

    public static Rubric read(InputStream yaml) throws IOException {
        return YAML.readValue(yaml, Rubric.class);
    }

    /** A shipped rubric by id and version; version 0 or less: its latest version. */
    public static java.util.Optional<Rubric> find(String id, int version) {
        return bundled().stream().filter(r -> r.id().equals(id) && (version <= 0 || r.version() == version))
                .max(Comparator.comparingInt(Rubric::version));
    }

    /** The rubrics shipped with the product, by id and version. */
    public static List<Rubric> bundled() {
        List<Rubric> cached = bundled;
        if (cached == null) {
            cached = load();
            bundled = cached;
        }
        return cached;
    }

    private static volatile List<Rubric> bundled;

    private static List<Rubric> load() {
        List<Rubric> rubrics = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:rubrics/*.yaml")) {
                try (InputStream in = resource.getInputStream()) {
                    rubrics.add(read(in));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalStateException("rubric " + resource.getFilename() + " cannot be read: "
                            + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rubrics.sort(Comparator.comparing(Rubric::id).thenComparing(Rubric::version));
        return List.copyOf(rubrics);
    }
}
