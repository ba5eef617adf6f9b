-- triggers.sql: the other way to keep newsx's results in step with a table
-- articles (id, body): side tables of rows, filled by a trigger.
--
-- dashboards.sql stores the results in generated jsonb columns of articles
-- itself; this file keeps them as ordinary rows instead, one a mention and
-- one a quotation, which can carry their own indexes (on key, on
-- speaker_key), foreign keys and statistics.  See "Keeping results in step"
-- in README.md for the trade-offs.  Run it after CREATE EXTENSION newsx,
-- with the extension's schema on the search_path.

CREATE TABLE entity_mentions (
    article_id integer NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    n integer NOT NULL,
    entity text, type text, pos integer, len integer,
    canonical text, key text, sentence integer, confidence real,
    PRIMARY KEY (article_id, n));
CREATE INDEX entity_mentions_key ON entity_mentions (key);

CREATE TABLE quotations (
    article_id integer NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    n integer NOT NULL,
    quote text, kind text, speaker text, speaker_pos integer, speaker_len integer,
    cue text, cue_pos integer, cue_len integer, pos integer, len integer,
    paragraph integer, sentence integer, speaker_key text,
    speech boolean, quote_key text,
    PRIMARY KEY (article_id, n));
CREATE INDEX quotations_speaker_key ON quotations (speaker_key);
CREATE INDEX quotations_quote_key ON quotations (quote_key);

-- Replace an article's rows: on INSERT, and on UPDATE only when the body
-- changed (the WHEN clauses below); DELETE cascades through the keys.
CREATE FUNCTION articles_extract() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM entity_mentions WHERE article_id = NEW.id;
    DELETE FROM quotations WHERE article_id = NEW.id;
    INSERT INTO entity_mentions
    SELECT NEW.id, e.n, e.entity, e.type, e.pos, e.len, e.canonical, e.key, e.sentence, e.confidence
    FROM extract_entities(NEW.body) WITH ORDINALITY
         AS e(entity, type, pos, len, canonical, key, sentence, confidence, n);
    INSERT INTO quotations
    SELECT NEW.id, q.n, q.quote, q.kind, q.speaker, q.speaker_pos, q.speaker_len,
           q.cue, q.cue_pos, q.cue_len, q.pos, q.len, q.paragraph, q.sentence, q.speaker_key,
           q.speech, q.quote_key
    FROM extract_quotes(NEW.body) WITH ORDINALITY
         AS q(quote, kind, speaker, speaker_pos, speaker_len, cue, cue_pos, cue_len,
              pos, len, paragraph, sentence, speaker_key, speech, quote_key, n);
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_extract_insert AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION articles_extract();
CREATE TRIGGER articles_extract_update AFTER UPDATE OF body ON articles
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body)
    EXECUTE FUNCTION articles_extract();

-- The articles already there.
INSERT INTO entity_mentions
SELECT a.id, e.n, e.entity, e.type, e.pos, e.len, e.canonical, e.key, e.sentence, e.confidence
FROM articles a,
     extract_entities(a.body) WITH ORDINALITY
       AS e(entity, type, pos, len, canonical, key, sentence, confidence, n);
INSERT INTO quotations
SELECT a.id, q.n, q.quote, q.kind, q.speaker, q.speaker_pos, q.speaker_len,
       q.cue, q.cue_pos, q.cue_len, q.pos, q.len, q.paragraph, q.sentence, q.speaker_key,
       q.speech, q.quote_key
FROM articles a,
     extract_quotes(a.body) WITH ORDINALITY
       AS q(quote, kind, speaker, speaker_pos, speaker_len, cue, cue_pos, cue_len,
            pos, len, paragraph, sentence, speaker_key, speech, quote_key, n);
