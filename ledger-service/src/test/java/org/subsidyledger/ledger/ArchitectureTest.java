package org.subsidyledger.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.ledger.operations.IndexRebuild;

/**
 * The boundaries docs/architecture.md draws, checked on the compiled classes of the three modules (tests excluded):
 * the write side reaches the read side only through the ports of {@code projections.port}; aggregates know nothing
 * of HTTP, Spring MVC or JDBC; the read side names no write-side table; a feature does not use another feature's
 * aggregates, command records, event handlers or controllers; the event records depend on nothing of ours.
 */
class ArchitectureTest {

    static final String WRITE_SIDE = "org.subsidyledger.ledger..";
    static final String READ_SIDE = "org.subsidyledger.projections..";
    static final String CONTRACT = "org.subsidyledger.contract..";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.subsidyledger");

    static final ArchRule WRITE_SIDE_USES_ONLY_THE_READ_SIDES_PORTS = noClasses().that().resideInAPackage(WRITE_SIDE)
            .should().dependOnClassesThat(DescribedPredicate.describe("are projection internals (outside "
                    + "projections.port)", (JavaClass c) -> c.getPackageName().startsWith("org.subsidyledger.projections")
                    && !c.getPackageName().equals("org.subsidyledger.projections.port")))
            .because("the write side reaches the read models only through the ports it is offered");

    static final ArchRule AGGREGATES_KNOW_NO_HTTP_OR_JDBC = noClasses().that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.subsidyledger.ledger.web..",
                    "org.springframework.http..", "org.springframework.web..", "org.springframework.jdbc..",
                    "java.sql..", "javax.sql..", "jakarta.servlet..")
            .because("an aggregate decides from its events and the command alone");

    static final ArchRule READ_SIDE_DOES_NOT_DEPEND_ON_THE_WRITE_SIDE = noClasses().that().resideInAPackage(READ_SIDE)
            .should().dependOnClassesThat().resideInAPackage(WRITE_SIDE)
            .because("projections are a sink of the events; the write side may use them, never the reverse");

    static final ArchRule THE_CONTRACT_DEPENDS_ON_NOTHING_OF_OURS = classes().that().resideInAPackage(CONTRACT)
            .should().onlyDependOnClassesThat(DescribedPredicate.describe("are not of the ledger's modules",
                    (JavaClass c) -> !c.getPackageName().startsWith("org.subsidyledger")
                            || c.getPackageName().startsWith("org.subsidyledger.contract")));

    @Test
    void theWriteSideUsesOnlyTheReadSidesPorts() {
        WRITE_SIDE_USES_ONLY_THE_READ_SIDES_PORTS.check(CLASSES);
    }

    @Test
    void aggregatesKnowNoHttpOrJdbc() {
        AGGREGATES_KNOW_NO_HTTP_OR_JDBC.check(CLASSES);
    }

    @Test
    void theReadSideDoesNotDependOnTheWriteSide() {
        READ_SIDE_DOES_NOT_DEPEND_ON_THE_WRITE_SIDE.check(CLASSES);
    }

    @Test
    void theContractDependsOnNothingOfOurs() {
        THE_CONTRACT_DEPENDS_ON_NOTHING_OF_OURS.check(CLASSES);
    }

    /**
     * A feature's internals — its aggregates, its command records ({@code *Commands}), its event handlers (processing
     * groups) and its controllers — are used by that feature only; other features use its services and the
     * interfaces it publishes ({@code DisbursementDeductions}, {@code PaymentsReturnedListener} …).
     */
    @Test
    void noFeatureUsesAnotherFeaturesInternals() {
        for (String root : List.of("org.subsidyledger.ledger", "org.subsidyledger.projections")) {
            DescribedPredicate<JavaClass> internal = DescribedPredicate.describe("are a feature's internals",
                    (JavaClass c) -> c.isAnnotatedWith(Aggregate.class) || c.isAnnotatedWith(ProcessingGroup.class)
                            || c.isAnnotatedWith(RestController.class)
                            || c.getSimpleName().endsWith("Commands") || enclosedInCommands(c));
            noClasses().that().resideInAPackage(root + "..")
                    .should(new com.tngtech.archunit.lang.ArchCondition<JavaClass>("use another feature's internals") {
                        @Override
                        public void check(JavaClass origin, com.tngtech.archunit.lang.ConditionEvents events) {
                            for (var dependency : origin.getDirectDependenciesFromSelf()) {
                                JavaClass target = dependency.getTargetClass();
                                if (internal.test(target) && target.getPackageName().startsWith(root)
                                        && !feature(root, target).equals(feature(root, origin))) {
                                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(dependency,
                                            dependency.getDescription()));
                                }
                            }
                        }
                    }).allowEmptyShould(true).check(CLASSES);
        }
    }

    private static boolean enclosedInCommands(JavaClass c) {
        return c.getEnclosingClass().map(e -> e.getSimpleName().endsWith("Commands")).orElse(false);
    }

    private static String feature(String root, JavaClass c) {
        String rest = c.getPackageName().substring(root.length());
        return rest.isEmpty() ? "" : rest.substring(1).split("\\.")[0];
    }

    /** Tables the read side must not name: the write side's indexes and its other tables (not the event store). */
    @Test
    void theReadSideNamesNoWriteSideTable() throws IOException {
        List<String> tables = new ArrayList<>(IndexRebuild.WRITE_SIDE_TABLES);
        tables.addAll(List.of("idempotent_request", "ledger_node", "dead_letter_entry", "access_log"));
        Pattern named = Pattern.compile("\\b(" + String.join("|", tables) + ")\\b");
        List<String> found = new ArrayList<>();
        Path sources = Path.of("..", "projections", "src", "main");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher matcher = named.matcher(lines.get(i));
                    if (matcher.find()) {
                        found.add(file + ":" + (i + 1) + " names " + matcher.group(1));
                    }
                }
            }
        }
        assertThat(found).as("the read models are derived from the events, not from the write side's tables").isEmpty();
    }

    /**
     * Every write-side index has one owner: the feature that writes it, which offers what the others may ask through
     * a class of its own ({@code Programs}, {@code Enrolments}, {@code ActiveFacts}, {@code PayoutLines}). Only the
     * owner names the table in its code (comments aside); {@code operations} names them all to rebuild and
     * reconcile them.
     */
    @Test
    void eachWriteSideIndexIsNamedOnlyByItsOwner() throws IOException {
        java.util.Map<String, String> owners = java.util.Map.ofEntries(java.util.Map.entry("program_registry",
                "program"), java.util.Map.entry("enrolment_index", "enrolment"),
                java.util.Map.entry("payout_line_index", "batch"), java.util.Map.entry("batch_disbursement_index", "batch"),
                java.util.Map.entry("not_due_index", "fact"), java.util.Map.entry("life_fact_index", "fact"),
                java.util.Map.entry("overpayment_case_index", "overpayment"),
                java.util.Map.entry("overpaid_payment_index", "overpayment"),
                java.util.Map.entry("deduction_index", "overpayment"), java.util.Map.entry("standard_index", "standard"),
                java.util.Map.entry("arrear_index", "standard"),
                java.util.Map.entry("certification_index", "certification"),
                java.util.Map.entry("suspected_fact_index", "verification"));
        assertThat(owners.keySet()).as("every index has an owner").containsExactlyInAnyOrderElementsOf(
                IndexRebuild.WRITE_SIDE_TABLES);
        Pattern named = Pattern.compile("\\b(" + String.join("|", owners.keySet()) + ")\\b");
        Path root = Path.of("src", "main", "java", "org", "subsidyledger", "ledger");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String feature = root.relativize(file).getName(0).toString();
                if (feature.equals("operations")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
                        continue;
                    }
                    Matcher matcher = named.matcher(line);
                    while (matcher.find()) {
                        if (!owners.get(matcher.group(1)).equals(feature)) {
                            found.add(file + ":" + (i + 1) + " names " + matcher.group(1) + " (owned by "
                                    + owners.get(matcher.group(1)) + ")");
                        }
                    }
                }
            }
        }
        assertThat(found).as("a feature asks the owner of an index, it does not read the table").isEmpty();
    }
}
