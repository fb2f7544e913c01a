-- gesprek: views over a folder of transcripts, for Spark SQL (docs/analysis.md).
--
-- The same views as views.duckdb.sql, for a national analysis on a cluster. In a spark-sql session:
--
--   spark-sql --conf spark.sql.variable.substitute=true \
--       -d gesprek_transcripts='hdfs:///analyse/transcripts/*.jsonl' -f Transcripts/views.spark.sql -e '…'
--
-- or, from PySpark: spark.conf.set("gesprek_transcripts", "s3a://…/*.jsonl") and every statement
-- of this file through spark.sql() (Tests/spark/test_spark_views.py does so). `${gesprek_transcripts}`
-- is a path or glob that Spark's JSON reader takes (a local path, hdfs://, s3a://, …).
--
-- They count as `gesprek summary --format json` does (Tests/spark/test_spark_views.py checks it, run
-- by ./dev spark): an `undo` takes an event back, and neither the event nor the `undo` counts; the
-- closing record is no event. Encrypted transcripts cannot be read here: export them first
-- (`gesprek export FILE --format jsonl --anonymize`), see docs/analysis.md.
--
--   gesprek_lines          every line of every transcript as read (header, events, closing record)
--   gesprek_all_events     every event, with `retracted` (taken back by an undo)
--   gesprek_events         the events that count: not retracted, no undo lines
--   gesprek_coverage       per transcript and dimension: events, questions, notes, quotes, scores, network, first, last
--   gesprek_scores         the latest score per target (item or dimension)
--   gesprek_questionnaires per transcript and questionnaire: scored, totals per answer category (0–4)
--   gesprek_sections       per transcript and questionnaire section: scored, mean
--   gesprek_gaps           what was missed (untouched, noQuestions) and unscored sections
--   gesprek_network        the network at the end: one row per member
--   gesprek_transcripts    one row per transcript: header, figures, gaps (a row of `gesprek summary DIR`)
--   gesprek_total          the caseload's total (the "total" of `gesprek summary DIR --format json`)
--   gesprek_dimensions, gesprek_scale, gesprek_questionnaire_items: the handreiking's reference data

CREATE OR REPLACE TEMPORARY VIEW gesprek_dimensions AS
SELECT * FROM VALUES
    (1, 'vertrekpunt'), (2, 'competentioneel'), (3, 'sociaal'), (4, 'motivationeel')
AS t(dimension_order, dimension);

CREATE OR REPLACE TEMPORARY VIEW gesprek_scale AS
SELECT * FROM VALUES
    (0, 'zeer ontevreden'), (1, 'ontevreden'), (2, 'neutraal'), (3, 'tevreden'), (4, 'zeer tevreden')
AS t(value, label);

-- The three questionnaires of the handreiking, in the order of Sources/GesprekKit/Reference/Questionnaires.swift.
CREATE OR REPLACE TEMPORARY VIEW gesprek_questionnaire_items AS
SELECT * FROM VALUES
    (1, 'gezin', 1, 'Situatie volgens het gezin als vertrekpunt', 'vertrekpunt', 'gezin.v1'),
    (1, 'gezin', 1, 'Situatie volgens het gezin als vertrekpunt', 'vertrekpunt', 'gezin.v2'),
    (1, 'gezin', 1, 'Situatie volgens het gezin als vertrekpunt', 'vertrekpunt', 'gezin.v3'),
    (1, 'gezin', 1, 'Situatie volgens het gezin als vertrekpunt', 'vertrekpunt', 'gezin.v4'),
    (1, 'gezin', 2, 'Sociale dimensie: In beeld brengen en benutten van belangrijke anderen', 'sociaal', 'gezin.s1'),
    (1, 'gezin', 2, 'Sociale dimensie: In beeld brengen en benutten van belangrijke anderen', 'sociaal', 'gezin.s2'),
    (1, 'gezin', 3, 'Competentionele dimensie: Aansluiten bij competenties en vaardigheden', 'competentioneel', 'gezin.c1'),
    (1, 'gezin', 3, 'Competentionele dimensie: Aansluiten bij competenties en vaardigheden', 'competentioneel', 'gezin.c2'),
    (1, 'gezin', 3, 'Competentionele dimensie: Aansluiten bij competenties en vaardigheden', 'competentioneel', 'gezin.c3'),
    (1, 'gezin', 4, 'Motivationele dimensie: Samen zoeken naar oplossingen', 'motivationeel', 'gezin.m1'),
    (1, 'gezin', 4, 'Motivationele dimensie: Samen zoeken naar oplossingen', 'motivationeel', 'gezin.m2'),
    (1, 'gezin', 4, 'Motivationele dimensie: Samen zoeken naar oplossingen', 'motivationeel', 'gezin.m3'),
    (1, 'gezin', 4, 'Motivationele dimensie: Samen zoeken naar oplossingen', 'motivationeel', 'gezin.m4'),
    (2, 'professional', 1, 'Competentionele dimensie', 'competentioneel', 'professional.c1'),
    (2, 'professional', 1, 'Competentionele dimensie', 'competentioneel', 'professional.c2'),
    (2, 'professional', 1, 'Competentionele dimensie', 'competentioneel', 'professional.c3'),
    (2, 'professional', 2, 'Sociale dimensie', 'sociaal', 'professional.s1'),
    (2, 'professional', 2, 'Sociale dimensie', 'sociaal', 'professional.s2'),
    (2, 'professional', 3, 'Motivationele dimensie', 'motivationeel', 'professional.m1'),
    (2, 'professional', 3, 'Motivationele dimensie', 'motivationeel', 'professional.m2'),
    (2, 'professional', 3, 'Motivationele dimensie', 'motivationeel', 'professional.m3'),
    (3, 'organisatie', 1, 'Competentionele dimensie', 'competentioneel', 'organisatie.c1'),
    (3, 'organisatie', 1, 'Competentionele dimensie', 'competentioneel', 'organisatie.c2'),
    (3, 'organisatie', 2, 'Sociale dimensie', 'sociaal', 'organisatie.s1'),
    (3, 'organisatie', 2, 'Sociale dimensie', 'sociaal', 'organisatie.s2'),
    (3, 'organisatie', 3, 'Motivationele dimensie', 'motivationeel', 'organisatie.m1'),
    (3, 'organisatie', 3, 'Motivationele dimensie', 'motivationeel', 'organisatie.m2')
AS t(questionnaire_order, questionnaire, section_order, section, dimension, item);

UNCACHE TABLE IF EXISTS gesprek_lines;

-- Every line as Spark's JSON reader reads it, with the keys of the format (docs/transcript-format.md).
CREATE OR REPLACE TEMPORARY VIEW gesprek_json (
    `format` STRING, `version` INT, `session` STRING, `started` STRING, `case` STRING, `advisor` STRING,
    `participants` ARRAY<STRUCT<`name`: STRING, `role`: STRING>>, `tool` STRING, `language` STRING,
    `file` STRING, `signer` STRING,
    `seq` BIGINT, `elapsed` DOUBLE, `time` STRING, `kind` STRING, `dimensions` ARRAY<STRING>, `tags` ARRAY<STRING>,
    `text` STRING, `speaker` STRING, `target` STRING, `value` INT, `label` STRING, `name` STRING, `role` STRING,
    `influence` STRING, `support` ARRAY<STRING>, `stays` BOOLEAN, `distance` BOOLEAN, `contact` STRING,
    `retracts` BIGINT, `command` STRING, `fields` MAP<STRING, STRING>, `line` STRING, `lineNumber` BIGINT,
    `close` STRING, `events` BIGINT, `last` STRING, `hash` STRING, `sig` STRING
) USING json OPTIONS (path '${gesprek_transcripts}', mode 'FAILFAST');

CREATE OR REPLACE TEMPORARY VIEW gesprek_lines AS
SELECT regexp_extract(input_file_name(), '[^/]*$', 0) AS transcript, input_file_name() AS path, *
FROM gesprek_json;

-- Read once and kept (in memory, spilling to disk), when first queried: every view below reads it.
CACHE LAZY TABLE gesprek_lines;

CREATE OR REPLACE TEMPORARY VIEW gesprek_all_events AS
WITH taken_back AS (
    SELECT DISTINCT transcript, retracts AS seq FROM gesprek_lines WHERE kind = 'undo' AND retracts IS NOT NULL
)
SELECT l.transcript, l.seq, l.elapsed, l.time, l.kind, coalesce(l.dimensions, array()) AS dimensions,
    coalesce(l.tags, array()) AS tags, l.text, l.speaker, l.target, l.value, l.label, l.name, l.role, l.influence,
    l.support, l.stays, l.distance, l.contact, l.retracts, l.`case`, l.advisor, l.command, l.fields,
    l.line, l.lineNumber AS line_number,
    t.seq IS NOT NULL AS retracted,
    l.kind IN ('ask', 'note', 'say', 'score', 'network.add', 'network.set', 'network.remove', 'host')
        AS counts_toward_coverage
FROM gesprek_lines l LEFT JOIN taken_back t ON t.transcript = l.transcript AND t.seq = l.seq
WHERE l.seq IS NOT NULL AND l.close IS NULL;

CREATE OR REPLACE TEMPORARY VIEW gesprek_events AS
SELECT transcript, seq, elapsed, time, kind, dimensions, tags, text, speaker, target, value, label, name, role,
    influence, support, stays, distance, contact, retracts, `case`, advisor, command, fields, line, line_number,
    counts_toward_coverage
FROM gesprek_all_events WHERE NOT retracted AND kind <> 'undo';

CREATE OR REPLACE TEMPORARY VIEW gesprek_coverage AS
WITH per_dimension AS (
    SELECT e.transcript, dimension, e.kind, e.seq, e.elapsed
    FROM gesprek_events e LATERAL VIEW explode(e.dimensions) d AS dimension
    WHERE e.counts_toward_coverage
), counted AS (
    SELECT transcript, dimension,
        count(*) AS events,
        count(*) FILTER (WHERE kind = 'ask') AS questions,
        count(*) FILTER (WHERE kind = 'note') AS notes,
        count(*) FILTER (WHERE kind = 'say') AS quotes,
        count(*) FILTER (WHERE kind = 'score') AS scores,
        min_by(elapsed, seq) AS first,
        max_by(elapsed, seq) AS last
    FROM per_dimension GROUP BY transcript, dimension
), transcripts AS (
    SELECT DISTINCT transcript FROM gesprek_lines WHERE format = 'gesprek-transcript'
)
SELECT t.transcript, d.dimension, d.dimension_order,
    coalesce(c.events, 0) > 0 AS touched,
    coalesce(c.events, 0) AS events, coalesce(c.questions, 0) AS questions, coalesce(c.notes, 0) AS notes,
    coalesce(c.quotes, 0) AS quotes, coalesce(c.scores, 0) AS scores,
    coalesce(c.events - c.questions - c.notes - c.quotes - c.scores, 0) AS network,
    c.first, c.last
FROM transcripts t CROSS JOIN gesprek_dimensions d
LEFT JOIN counted c ON c.transcript = t.transcript AND c.dimension = d.dimension;

CREATE OR REPLACE TEMPORARY VIEW gesprek_scores AS
WITH ranked AS (
    SELECT e.*,
        row_number() OVER (PARTITION BY transcript, target ORDER BY seq DESC) AS newest,
        min(seq) OVER (PARTITION BY transcript, target) AS first_scored
    FROM gesprek_events e WHERE kind = 'score'
)
SELECT r.transcript, r.target,
    CASE WHEN i.item IS NULL THEN 'dimension' ELSE 'item' END AS kind,
    coalesce(i.dimension, d.dimension, try_element_at(r.dimensions, 1), 'vertrekpunt') AS dimension,
    i.questionnaire, r.value, s.label, r.text, r.seq, r.elapsed, r.time,
    row_number() OVER (PARTITION BY r.transcript ORDER BY r.first_scored) AS score_order
FROM ranked r
LEFT JOIN gesprek_questionnaire_items i ON i.item = r.target
LEFT JOIN gesprek_dimensions d ON d.dimension = r.target
LEFT JOIN gesprek_scale s ON s.value = r.value
WHERE r.newest = 1;

-- The questionnaires as on the handreiking's form: `gezin` always, the others when an item was scored.
CREATE OR REPLACE TEMPORARY VIEW gesprek_sections AS
WITH transcripts AS (
    SELECT DISTINCT transcript FROM gesprek_lines WHERE format = 'gesprek-transcript'
), used AS (
    SELECT DISTINCT transcript, questionnaire FROM gesprek_scores WHERE questionnaire IS NOT NULL
), shown AS (
    SELECT t.transcript, q.questionnaire, q.questionnaire_order
    FROM transcripts t CROSS JOIN (SELECT DISTINCT questionnaire, questionnaire_order FROM gesprek_questionnaire_items) q
    LEFT JOIN used u ON u.transcript = t.transcript AND u.questionnaire = q.questionnaire
    WHERE q.questionnaire = 'gezin' OR u.questionnaire IS NOT NULL
)
SELECT w.transcript, w.questionnaire, w.questionnaire_order, i.section, i.section_order, i.dimension,
    count(s.value) AS scored, avg(s.value) AS mean,
    count(*) FILTER (WHERE s.value = 0) AS total_0, count(*) FILTER (WHERE s.value = 1) AS total_1,
    count(*) FILTER (WHERE s.value = 2) AS total_2, count(*) FILTER (WHERE s.value = 3) AS total_3,
    count(*) FILTER (WHERE s.value = 4) AS total_4
FROM shown w
JOIN gesprek_questionnaire_items i ON i.questionnaire = w.questionnaire
LEFT JOIN gesprek_scores s ON s.transcript = w.transcript AND s.target = i.item
GROUP BY w.transcript, w.questionnaire, w.questionnaire_order, i.section, i.section_order, i.dimension;

CREATE OR REPLACE TEMPORARY VIEW gesprek_questionnaires AS
SELECT transcript, questionnaire, questionnaire_order, CAST(sum(scored) AS BIGINT) AS scored,
    array(CAST(sum(total_0) AS BIGINT), CAST(sum(total_1) AS BIGINT), CAST(sum(total_2) AS BIGINT),
        CAST(sum(total_3) AS BIGINT), CAST(sum(total_4) AS BIGINT)) AS totals_per_category
FROM gesprek_sections GROUP BY transcript, questionnaire, questionnaire_order;

CREATE OR REPLACE TEMPORARY VIEW gesprek_gaps AS
SELECT transcript, CASE WHEN NOT touched THEN 'untouched' ELSE 'noQuestions' END AS code, dimension,
    CAST(NULL AS STRING) AS questionnaire, CAST(NULL AS STRING) AS section, dimension_order AS gap_order
FROM gesprek_coverage WHERE NOT touched OR questions = 0
UNION ALL
SELECT transcript, 'unscoredSection', dimension, questionnaire, section,
    100 * questionnaire_order + section_order
FROM gesprek_sections WHERE scored = 0;

-- The network at the end. Names are matched ignoring case; a later `network.add` of a name
-- replaces the member in its place; `network.set` changes only the keys it gives, and adds its tags.
CREATE OR REPLACE TEMPORARY VIEW gesprek_network AS
WITH changes AS (
    SELECT lower(name) AS member_key, transcript, seq, kind, name, role, influence, support, stays, distance,
        contact, tags
    FROM gesprek_events WHERE kind IN ('network.add', 'network.set', 'network.remove')
), lives AS (
    SELECT transcript, member_key,
        max(seq) FILTER (WHERE kind = 'network.add') AS added,
        coalesce(max(seq) FILTER (WHERE kind = 'network.remove'), 0) AS removed
    FROM changes GROUP BY transcript, member_key
), members AS (
    SELECT l.transcript, l.member_key, l.added, l.removed,
        min(c.seq) FILTER (WHERE c.kind = 'network.add' AND c.seq > l.removed) AS placed,
        max_by(c.name, c.seq) FILTER (WHERE c.kind = 'network.add') AS name,
        max_by(c.role, c.seq) FILTER (WHERE c.seq >= l.added AND c.role IS NOT NULL) AS role,
        max_by(c.influence, c.seq) FILTER (WHERE c.seq >= l.added AND c.influence IS NOT NULL) AS influence,
        max_by(c.support, c.seq) FILTER (WHERE c.seq >= l.added AND c.support IS NOT NULL) AS support,
        max_by(c.stays, c.seq) FILTER (WHERE c.seq >= l.added AND c.stays IS NOT NULL) AS stays,
        max_by(c.distance, c.seq) FILTER (WHERE c.seq >= l.added AND c.distance IS NOT NULL) AS distance,
        max_by(c.contact, c.seq) FILTER (WHERE c.seq >= l.added AND c.contact IS NOT NULL) AS contact,
        collect_set(tag) FILTER (WHERE c.seq >= l.added AND tag IS NOT NULL) AS tags
    FROM lives l
    JOIN changes c ON c.transcript = l.transcript AND c.member_key = l.member_key
    LATERAL VIEW OUTER explode(c.tags) t AS tag
    WHERE l.added > l.removed
    GROUP BY l.transcript, l.member_key, l.added, l.removed
)
SELECT transcript, row_number() OVER (PARTITION BY transcript ORDER BY placed) AS position,
    name, role, influence, coalesce(support, CAST(array() AS ARRAY<STRING>)) AS support, stays, distance, contact,
    coalesce(tags, CAST(array() AS ARRAY<STRING>)) AS tags
FROM members;

CREATE OR REPLACE TEMPORARY VIEW gesprek_transcripts AS
WITH headers AS (
    SELECT transcript, path, format, version, session, started, `case`, advisor, participants, tool, language,
        file, signer
    FROM gesprek_lines WHERE format = 'gesprek-transcript'
), closings AS (
    SELECT transcript, close AS closed FROM gesprek_lines WHERE close IS NOT NULL
), details AS (
    SELECT transcript,
        max_by(`case`, seq) FILTER (WHERE kind = 'session' AND `case` IS NOT NULL) AS `case`,
        max_by(advisor, seq) FILTER (WHERE kind = 'session' AND advisor IS NOT NULL) AS advisor
    FROM gesprek_events GROUP BY transcript
), counted AS (
    SELECT transcript, count(*) AS events, max(elapsed) AS duration,
        count(*) FILTER (WHERE counts_toward_coverage AND size(dimensions) = 0) AS untagged,
        count(*) FILTER (WHERE array_contains(tags, 'kracht')) AS strengths,
        count(*) FILTER (WHERE array_contains(tags, 'kwetsbaarheid')) AS vulnerabilities,
        min_by(time, seq) AS first_time, max_by(time, seq) AS last_time
    FROM gesprek_events GROUP BY transcript
), retractions AS (
    SELECT transcript, count(DISTINCT retracts) AS retracted FROM gesprek_all_events WHERE kind = 'undo'
    GROUP BY transcript
), coverage AS (
    SELECT transcript,
        sum(events) FILTER (WHERE dimension = 'vertrekpunt') AS vertrekpunt,
        sum(events) FILTER (WHERE dimension = 'competentioneel') AS competentioneel,
        sum(events) FILTER (WHERE dimension = 'sociaal') AS sociaal,
        sum(events) FILTER (WHERE dimension = 'motivationeel') AS motivationeel,
        sum(questions) FILTER (WHERE dimension = 'vertrekpunt') AS questions_vertrekpunt,
        sum(questions) FILTER (WHERE dimension = 'competentioneel') AS questions_competentioneel,
        sum(questions) FILTER (WHERE dimension = 'sociaal') AS questions_sociaal,
        sum(questions) FILTER (WHERE dimension = 'motivationeel') AS questions_motivationeel,
        transform(array_sort(collect_list(struct(dimension_order, dimension)) FILTER (WHERE NOT touched)),
            x -> x.dimension) AS untouched,
        transform(array_sort(collect_list(struct(dimension_order, dimension)) FILTER (WHERE touched AND questions = 0)),
            x -> x.dimension) AS no_questions
    FROM gesprek_coverage GROUP BY transcript
), scored AS (
    SELECT transcript, count(*) AS scores FROM gesprek_scores GROUP BY transcript
), network AS (
    SELECT transcript, count(*) AS network FROM gesprek_network GROUP BY transcript
)
SELECT h.transcript, h.path, h.session, h.file, h.signer, h.version, h.language, h.tool,
    coalesce(d.`case`, h.`case`) AS `case`, coalesce(d.advisor, h.advisor) AS advisor,
    h.started, n.first_time, n.last_time, c.closed,
    coalesce(n.events, 0) AS events, coalesce(r.retracted, 0) AS retracted, coalesce(n.duration, 0D) AS duration,
    coalesce(n.untagged, 0) AS untagged,
    CAST(v.vertrekpunt AS BIGINT) AS vertrekpunt, CAST(v.competentioneel AS BIGINT) AS competentioneel,
    CAST(v.sociaal AS BIGINT) AS sociaal, CAST(v.motivationeel AS BIGINT) AS motivationeel,
    CAST(v.questions_vertrekpunt AS BIGINT) AS questions_vertrekpunt,
    CAST(v.questions_competentioneel AS BIGINT) AS questions_competentioneel,
    CAST(v.questions_sociaal AS BIGINT) AS questions_sociaal,
    CAST(v.questions_motivationeel AS BIGINT) AS questions_motivationeel,
    coalesce(s.scores, 0) AS scores, coalesce(w.network, 0) AS network,
    coalesce(n.strengths, 0) AS strengths, coalesce(n.vulnerabilities, 0) AS vulnerabilities,
    coalesce(v.untouched, CAST(array() AS ARRAY<STRING>)) AS untouched,
    coalesce(v.no_questions, CAST(array() AS ARRAY<STRING>)) AS no_questions
FROM headers h
LEFT JOIN closings c ON c.transcript = h.transcript
LEFT JOIN details d ON d.transcript = h.transcript
LEFT JOIN counted n ON n.transcript = h.transcript
LEFT JOIN retractions r ON r.transcript = h.transcript
LEFT JOIN coverage v ON v.transcript = h.transcript
LEFT JOIN scored s ON s.transcript = h.transcript
LEFT JOIN network w ON w.transcript = h.transcript;

CREATE OR REPLACE TEMPORARY VIEW gesprek_total AS
SELECT count(*) AS transcripts, CAST(sum(events) AS BIGINT) AS events, CAST(sum(retracted) AS BIGINT) AS retracted,
    coalesce(sum(duration), 0D) AS duration,
    CAST(sum(vertrekpunt) AS BIGINT) AS vertrekpunt, CAST(sum(competentioneel) AS BIGINT) AS competentioneel,
    CAST(sum(sociaal) AS BIGINT) AS sociaal, CAST(sum(motivationeel) AS BIGINT) AS motivationeel,
    CAST(sum(questions_vertrekpunt) AS BIGINT) AS questions_vertrekpunt,
    CAST(sum(questions_competentioneel) AS BIGINT) AS questions_competentioneel,
    CAST(sum(questions_sociaal) AS BIGINT) AS questions_sociaal,
    CAST(sum(questions_motivationeel) AS BIGINT) AS questions_motivationeel,
    CAST(sum(scores) AS BIGINT) AS scores, CAST(sum(network) AS BIGINT) AS network,
    CAST(sum(strengths) AS BIGINT) AS strengths, CAST(sum(vulnerabilities) AS BIGINT) AS vulnerabilities,
    count(*) FILTER (WHERE array_contains(untouched, 'vertrekpunt')) AS untouched_vertrekpunt,
    count(*) FILTER (WHERE array_contains(untouched, 'competentioneel')) AS untouched_competentioneel,
    count(*) FILTER (WHERE array_contains(untouched, 'sociaal')) AS untouched_sociaal,
    count(*) FILTER (WHERE array_contains(untouched, 'motivationeel')) AS untouched_motivationeel,
    count(*) FILTER (WHERE array_contains(no_questions, 'vertrekpunt')) AS no_questions_vertrekpunt,
    count(*) FILTER (WHERE array_contains(no_questions, 'competentioneel')) AS no_questions_competentioneel,
    count(*) FILTER (WHERE array_contains(no_questions, 'sociaal')) AS no_questions_sociaal,
    count(*) FILTER (WHERE array_contains(no_questions, 'motivationeel')) AS no_questions_motivationeel
FROM gesprek_transcripts;
