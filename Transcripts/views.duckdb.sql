-- gesprek: views over a folder of transcripts, for DuckDB (docs/analysis.md).
--
--   SET VARIABLE gesprek_transcripts = 'transcripts/*.jsonl';   -- a glob, a file, or a list of either
--   .read Transcripts/views.duckdb.sql
--   SELECT * FROM gesprek_transcripts;
--
-- The views read the plain JSON Lines of transcript format version 3 (docs/transcript-format.md)
-- and count as `gesprek summary --format json` does (Tests/cli/test_duckdb_views.py checks
-- that they give the same figures): an `undo` takes an event back, and neither the event
-- nor the `undo` counts; the closing record is no event. An encrypted transcript cannot be
-- read here: export it first (`gesprek export FILE --format jsonl --anonymize`), see docs/analysis.md.
-- The folder is read once, when the file is run (into the table gesprek_lines); run it again
-- after transcripts were added.
--
--   gesprek_lines          every line of every transcript as read (header, events, closing record): a table
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

CREATE OR REPLACE VIEW gesprek_dimensions AS
SELECT * FROM (VALUES
    (1, 'vertrekpunt'), (2, 'competentioneel'), (3, 'sociaal'), (4, 'motivationeel')
) AS t(dimension_order, dimension);

CREATE OR REPLACE VIEW gesprek_scale AS
SELECT * FROM (VALUES
    (0, 'zeer ontevreden'), (1, 'ontevreden'), (2, 'neutraal'), (3, 'tevreden'), (4, 'zeer tevreden')
) AS t(value, label);

-- The three questionnaires of the handreiking, in the order of Sources/GesprekKit/Reference/Questionnaires.swift.
CREATE OR REPLACE VIEW gesprek_questionnaire_items AS
SELECT * FROM (VALUES
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
) AS t(questionnaire_order, questionnaire, section_order, section, dimension, item);

-- Every line, read once when this file is run: a table (without each line's `hash` and
-- `sig`, which only `gesprek verify` needs), so that every view after it is quick to query;
-- in memory, or in the database file DuckDB was opened with (which then holds the
-- transcripts' content: keep it as safe as them). Run the file again after transcripts were added. The columns are the keys
-- of the format (docs/transcript-format.md); a line has the ones of its record: the header
-- (`format`), an event (`seq`) or the closing record (`close`). A line that is not JSON (an
-- encrypted transcript's) stops the reading with an error that names the file.
CREATE OR REPLACE TABLE gesprek_lines AS
SELECT regexp_extract(filename, '[^/]*$') AS transcript, filename AS path, * EXCLUDE (filename)
FROM read_json(getvariable('gesprek_transcripts'),
    format = 'newline_delimited', filename = true, maximum_object_size = 1048576,
    columns = {
        'format': 'VARCHAR', 'version': 'INTEGER', 'session': 'VARCHAR', 'started': 'VARCHAR',
        'case': 'VARCHAR', 'advisor': 'VARCHAR', 'participants': 'STRUCT(name VARCHAR, role VARCHAR)[]',
        'tool': 'VARCHAR', 'language': 'VARCHAR', 'file': 'VARCHAR', 'signer': 'VARCHAR',
        'seq': 'BIGINT', 'elapsed': 'DOUBLE', 'time': 'VARCHAR', 'kind': 'VARCHAR',
        'dimensions': 'VARCHAR[]', 'tags': 'VARCHAR[]', 'text': 'VARCHAR', 'speaker': 'VARCHAR',
        'target': 'VARCHAR', 'value': 'INTEGER', 'label': 'VARCHAR', 'name': 'VARCHAR', 'role': 'VARCHAR',
        'influence': 'VARCHAR', 'support': 'VARCHAR[]', 'stays': 'BOOLEAN', 'distance': 'BOOLEAN',
        'contact': 'VARCHAR', 'retracts': 'BIGINT', 'command': 'VARCHAR', 'fields': 'MAP(VARCHAR, VARCHAR)',
        'line': 'VARCHAR', 'lineNumber': 'BIGINT', 'close': 'VARCHAR', 'events': 'BIGINT', 'last': 'VARCHAR'
    });

CREATE OR REPLACE VIEW gesprek_all_events AS
WITH taken_back AS (
    SELECT DISTINCT transcript, retracts AS seq FROM gesprek_lines WHERE kind = 'undo' AND retracts IS NOT NULL
)
SELECT l.transcript, l.seq, l.elapsed, l.time, l.kind, coalesce(l.dimensions, []) AS dimensions,
    coalesce(l.tags, []) AS tags, l.text, l.speaker, l.target, l.value, l.label, l.name, l.role, l.influence,
    l.support, l.stays, l.distance, l.contact, l.retracts, l."case", l.advisor, l.command, l.fields,
    l.line, l.lineNumber AS line_number,
    t.seq IS NOT NULL AS retracted,
    l.kind IN ('ask', 'note', 'say', 'score', 'network.add', 'network.set', 'network.remove', 'host')
        AS counts_toward_coverage
FROM gesprek_lines l LEFT JOIN taken_back t ON t.transcript = l.transcript AND t.seq = l.seq
WHERE l.seq IS NOT NULL AND l.close IS NULL;

CREATE OR REPLACE VIEW gesprek_events AS
SELECT * EXCLUDE (retracted) FROM gesprek_all_events WHERE NOT retracted AND kind <> 'undo';

CREATE OR REPLACE VIEW gesprek_coverage AS
WITH per_dimension AS (
    SELECT e.transcript, d.dimension, e.kind, e.seq, e.elapsed
    FROM gesprek_events e, unnest(e.dimensions) AS d(dimension)
    WHERE e.counts_toward_coverage
), counted AS (
    SELECT transcript, dimension,
        count(*) AS events,
        count(*) FILTER (WHERE kind = 'ask') AS questions,
        count(*) FILTER (WHERE kind = 'note') AS notes,
        count(*) FILTER (WHERE kind = 'say') AS quotes,
        count(*) FILTER (WHERE kind = 'score') AS scores,
        arg_min(elapsed, seq) AS first,
        arg_max(elapsed, seq) AS last
    FROM per_dimension GROUP BY ALL
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

CREATE OR REPLACE VIEW gesprek_scores AS
WITH ranked AS (
    SELECT e.*,
        row_number() OVER (PARTITION BY transcript, target ORDER BY seq DESC) AS newest,
        min(seq) OVER (PARTITION BY transcript, target) AS first_scored
    FROM gesprek_events e WHERE kind = 'score'
)
SELECT r.transcript, r.target,
    CASE WHEN i.item IS NULL THEN 'dimension' ELSE 'item' END AS kind,
    coalesce(i.dimension, d.dimension, r.dimensions[1], 'vertrekpunt') AS dimension,
    i.questionnaire, r.value, s.label, r.text, r.seq, r.elapsed, r.time,
    row_number() OVER (PARTITION BY r.transcript ORDER BY r.first_scored) AS score_order
FROM ranked r
LEFT JOIN gesprek_questionnaire_items i ON i.item = r.target
LEFT JOIN gesprek_dimensions d ON d.dimension = r.target
LEFT JOIN gesprek_scale s ON s.value = r.value
WHERE r.newest = 1;

-- The questionnaires as on the handreiking's form: `gezin` always, the others when an item was scored.
CREATE OR REPLACE VIEW gesprek_sections AS
WITH transcripts AS (
    SELECT DISTINCT transcript FROM gesprek_lines WHERE format = 'gesprek-transcript'
), shown AS (
    SELECT t.transcript, q.questionnaire, q.questionnaire_order
    FROM transcripts t CROSS JOIN (SELECT DISTINCT questionnaire, questionnaire_order FROM gesprek_questionnaire_items) q
    WHERE q.questionnaire = 'gezin' OR EXISTS (
        SELECT 1 FROM gesprek_scores s WHERE s.transcript = t.transcript AND s.questionnaire = q.questionnaire)
)
SELECT w.transcript, w.questionnaire, w.questionnaire_order, i.section, i.section_order, i.dimension,
    count(s.value) AS scored, avg(s.value) AS mean,
    count(*) FILTER (WHERE s.value = 0) AS total_0, count(*) FILTER (WHERE s.value = 1) AS total_1,
    count(*) FILTER (WHERE s.value = 2) AS total_2, count(*) FILTER (WHERE s.value = 3) AS total_3,
    count(*) FILTER (WHERE s.value = 4) AS total_4
FROM shown w
JOIN gesprek_questionnaire_items i ON i.questionnaire = w.questionnaire
LEFT JOIN gesprek_scores s ON s.transcript = w.transcript AND s.target = i.item
GROUP BY ALL;

CREATE OR REPLACE VIEW gesprek_questionnaires AS
SELECT transcript, questionnaire, questionnaire_order, sum(scored)::BIGINT AS scored,
    [sum(total_0)::BIGINT, sum(total_1)::BIGINT, sum(total_2)::BIGINT, sum(total_3)::BIGINT, sum(total_4)::BIGINT]
        AS totals_per_category
FROM gesprek_sections GROUP BY ALL;

CREATE OR REPLACE VIEW gesprek_gaps AS
SELECT transcript, CASE WHEN NOT touched THEN 'untouched' ELSE 'noQuestions' END AS code, dimension,
    NULL::VARCHAR AS questionnaire, NULL::VARCHAR AS section, dimension_order AS gap_order
FROM gesprek_coverage WHERE NOT touched OR questions = 0
UNION ALL
SELECT transcript, 'unscoredSection', dimension, questionnaire, section,
    100 * questionnaire_order + section_order
FROM gesprek_sections WHERE scored = 0;

-- The network at the end. Names are matched ignoring case; a later `network.add` of a name
-- replaces the member in its place; `network.set` changes only the keys it gives, and adds its tags.
CREATE OR REPLACE VIEW gesprek_network AS
WITH changes AS (
    SELECT lower(name) AS member_key, * FROM gesprek_events
    WHERE kind IN ('network.add', 'network.set', 'network.remove')
), lives AS (
    SELECT transcript, member_key,
        max(seq) FILTER (WHERE kind = 'network.add') AS added,
        coalesce(max(seq) FILTER (WHERE kind = 'network.remove'), 0) AS removed
    FROM changes GROUP BY ALL
), members AS (
    SELECT l.transcript, l.member_key, l.added, l.removed,
        min(c.seq) FILTER (WHERE c.kind = 'network.add' AND c.seq > l.removed) AS placed,
        arg_max(c.name, c.seq) FILTER (WHERE c.kind = 'network.add') AS name,
        arg_max(c.role, c.seq) FILTER (WHERE c.seq >= l.added AND c.role IS NOT NULL) AS role,
        arg_max(c.influence, c.seq) FILTER (WHERE c.seq >= l.added AND c.influence IS NOT NULL) AS influence,
        arg_max(c.support, c.seq) FILTER (WHERE c.seq >= l.added AND c.support IS NOT NULL) AS support,
        arg_max(c.stays, c.seq) FILTER (WHERE c.seq >= l.added AND c.stays IS NOT NULL) AS stays,
        arg_max(c.distance, c.seq) FILTER (WHERE c.seq >= l.added AND c.distance IS NOT NULL) AS distance,
        arg_max(c.contact, c.seq) FILTER (WHERE c.seq >= l.added AND c.contact IS NOT NULL) AS contact,
        list(DISTINCT t.tag) FILTER (WHERE c.seq >= l.added AND t.tag IS NOT NULL) AS tags
    FROM lives l
    JOIN changes c ON c.transcript = l.transcript AND c.member_key = l.member_key
    LEFT JOIN LATERAL (SELECT unnest(c.tags) AS tag) t ON true
    WHERE l.added > l.removed
    GROUP BY l.transcript, l.member_key, l.added, l.removed
)
SELECT transcript, row_number() OVER (PARTITION BY transcript ORDER BY placed) AS position,
    name, role, influence, coalesce(support, []) AS support, stays, distance, contact,
    coalesce(tags, []) AS tags
FROM members;

CREATE OR REPLACE VIEW gesprek_transcripts AS
WITH headers AS (
    SELECT transcript, path, format, version, session, started, "case", advisor, participants, tool, language,
        file, signer
    FROM gesprek_lines WHERE format = 'gesprek-transcript'
), closings AS (
    SELECT transcript, close AS closed FROM gesprek_lines WHERE close IS NOT NULL
), details AS (
    SELECT transcript,
        arg_max("case", seq) FILTER (WHERE kind = 'session' AND "case" IS NOT NULL) AS "case",
        arg_max(advisor, seq) FILTER (WHERE kind = 'session' AND advisor IS NOT NULL) AS advisor
    FROM gesprek_events GROUP BY ALL
), counted AS (
    SELECT transcript, count(*) AS events, max(elapsed) AS duration,
        count(*) FILTER (WHERE counts_toward_coverage AND len(dimensions) = 0) AS untagged,
        count(*) FILTER (WHERE list_contains(tags, 'kracht')) AS strengths,
        count(*) FILTER (WHERE list_contains(tags, 'kwetsbaarheid')) AS vulnerabilities,
        arg_min(time, seq) AS first_time, arg_max(time, seq) AS last_time
    FROM gesprek_events GROUP BY ALL
), retractions AS (
    SELECT transcript, count(DISTINCT retracts) AS retracted FROM gesprek_all_events WHERE kind = 'undo' GROUP BY ALL
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
        list(dimension ORDER BY dimension_order) FILTER (WHERE NOT touched) AS untouched,
        list(dimension ORDER BY dimension_order) FILTER (WHERE touched AND questions = 0) AS no_questions
    FROM gesprek_coverage GROUP BY ALL
), scored AS (
    SELECT transcript, count(*) AS scores FROM gesprek_scores GROUP BY ALL
), network AS (
    SELECT transcript, count(*) AS network FROM gesprek_network GROUP BY ALL
)
SELECT h.transcript, h.path, h.session, h.file, h.signer, h.version, h.language, h.tool,
    coalesce(d."case", h."case") AS "case", coalesce(d.advisor, h.advisor) AS advisor,
    h.started, n.first_time, n.last_time, c.closed,
    coalesce(n.events, 0) AS events, coalesce(r.retracted, 0) AS retracted, coalesce(n.duration, 0) AS duration,
    coalesce(n.untagged, 0) AS untagged,
    v.vertrekpunt::BIGINT AS vertrekpunt, v.competentioneel::BIGINT AS competentioneel,
    v.sociaal::BIGINT AS sociaal, v.motivationeel::BIGINT AS motivationeel,
    v.questions_vertrekpunt::BIGINT AS questions_vertrekpunt,
    v.questions_competentioneel::BIGINT AS questions_competentioneel,
    v.questions_sociaal::BIGINT AS questions_sociaal, v.questions_motivationeel::BIGINT AS questions_motivationeel,
    coalesce(s.scores, 0) AS scores, coalesce(w.network, 0) AS network,
    coalesce(n.strengths, 0) AS strengths, coalesce(n.vulnerabilities, 0) AS vulnerabilities,
    coalesce(v.untouched, []) AS untouched, coalesce(v.no_questions, []) AS no_questions
FROM headers h
LEFT JOIN closings c USING (transcript)
LEFT JOIN details d USING (transcript)
LEFT JOIN counted n USING (transcript)
LEFT JOIN retractions r USING (transcript)
LEFT JOIN coverage v USING (transcript)
LEFT JOIN scored s USING (transcript)
LEFT JOIN network w USING (transcript);

CREATE OR REPLACE VIEW gesprek_total AS
SELECT count(*) AS transcripts, sum(events)::BIGINT AS events, sum(retracted)::BIGINT AS retracted,
    coalesce(sum(duration), 0) AS duration,
    sum(vertrekpunt)::BIGINT AS vertrekpunt, sum(competentioneel)::BIGINT AS competentioneel,
    sum(sociaal)::BIGINT AS sociaal, sum(motivationeel)::BIGINT AS motivationeel,
    sum(questions_vertrekpunt)::BIGINT AS questions_vertrekpunt,
    sum(questions_competentioneel)::BIGINT AS questions_competentioneel,
    sum(questions_sociaal)::BIGINT AS questions_sociaal, sum(questions_motivationeel)::BIGINT AS questions_motivationeel,
    sum(scores)::BIGINT AS scores, sum(network)::BIGINT AS network,
    sum(strengths)::BIGINT AS strengths, sum(vulnerabilities)::BIGINT AS vulnerabilities,
    count(*) FILTER (WHERE list_contains(untouched, 'vertrekpunt')) AS untouched_vertrekpunt,
    count(*) FILTER (WHERE list_contains(untouched, 'competentioneel')) AS untouched_competentioneel,
    count(*) FILTER (WHERE list_contains(untouched, 'sociaal')) AS untouched_sociaal,
    count(*) FILTER (WHERE list_contains(untouched, 'motivationeel')) AS untouched_motivationeel,
    count(*) FILTER (WHERE list_contains(no_questions, 'vertrekpunt')) AS no_questions_vertrekpunt,
    count(*) FILTER (WHERE list_contains(no_questions, 'competentioneel')) AS no_questions_competentioneel,
    count(*) FILTER (WHERE list_contains(no_questions, 'sociaal')) AS no_questions_sociaal,
    count(*) FILTER (WHERE list_contains(no_questions, 'motivationeel')) AS no_questions_motivationeel
FROM gesprek_transcripts;
