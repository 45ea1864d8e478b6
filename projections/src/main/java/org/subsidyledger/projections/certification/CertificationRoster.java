package org.subsidyledger.projections.certification;

/**
 * The recipients of a program expected to certify as of a moment, each with their <em>baseline</em> (rule 11,
 * {@code CertificationSchedule}): the later of the enrolment month's first day and their latest certification for
 * the program (its own or one for every program) recorded by the moment. Those enrolled by the moment, less those
 * whose death was recorded by then (and not retracted by then) and those whose enrolment in the program ended before
 * {@code :month_start}: nobody expects them to certify. The work list and {@code certificationRate} both read it, so
 * they count the same people; the date rule is applied to {@code baseline} with the schedule's cut-off dates.
 *
 * <p>Parameters: {@code :program}, {@code :at} (the moment), {@code :month_start} (first day of the month asked
 * about). Columns: {@code recipient_id, name, region, effective_from, last_certified_on, last_method,
 * last_certification_event_id, baseline, enrolment_event_id}.
 */
public final class CertificationRoster {

    public static final String SQL = """
            SELECT e.recipient_id, e.name, e.region, e.effective_from, l.certified_on AS last_certified_on,
                   l.method AS last_method, l.event_id AS last_certification_event_id,
                   greatest(e.effective_from, l.certified_on) AS baseline, e.event_id AS enrolment_event_id
            FROM enrolment_view e
            LEFT JOIN (SELECT DISTINCT ON (recipient_id) recipient_id, certified_on, method, event_id
                       FROM certification_view
                       WHERE (program_code = :program OR program_code IS NULL) AND recorded_at <= :at
                       ORDER BY recipient_id, certified_on DESC, recorded_at DESC) l
                   ON l.recipient_id = e.recipient_id
            WHERE e.program_code = :program AND e.enrolled_at <= :at
              AND NOT EXISTS (SELECT 1 FROM life_fact_view f
                              WHERE f.recipient_id = e.recipient_id AND f.recorded_at <= :at
                                AND (f.kind = 'DEATH' OR (f.kind = 'ENROLMENT_END'
                                     AND f.program_code = e.program_code AND f.from_date < :month_start))
                                AND NOT EXISTS (SELECT 1 FROM life_fact_change_view x
                                                WHERE x.fact_id = f.fact_id AND x.change = 'RETRACTED'
                                                  AND x.recorded_at <= :at))""";

    private CertificationRoster() {
    }
}
