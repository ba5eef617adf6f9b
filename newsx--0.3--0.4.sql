/* newsx--0.3--0.4.sql: a resumable backfill of a table's articles */

\echo Use "ALTER EXTENSION newsx UPDATE TO '0.4'" to load this file. \quit

-- One row per backfill job: where it stands.  Another session may read it
-- while the job runs (each batch commits its row).
CREATE TABLE newsx_backfill_progress (
    job         text PRIMARY KEY,
    source      regclass NOT NULL,
    what        text NOT NULL CHECK (what IN ('quotes', 'entities', 'both')),
    target      text NOT NULL,      -- the table, or with 'both' the two tables' prefix
    part        integer NOT NULL,
    parts       integer NOT NULL,
    last_key    text,               -- the greatest key done (NULL: none yet)
    rows_done   bigint NOT NULL DEFAULT 0,
    rows_total  bigint NOT NULL,    -- rows of the part when the job began
    results     bigint NOT NULL DEFAULT 0,
    started     timestamptz NOT NULL DEFAULT now(),
    updated     timestamptz NOT NULL DEFAULT now(),
    finished    timestamptz
);
SELECT pg_catalog.pg_extension_config_dump('newsx_backfill_progress', '');

COMMENT ON TABLE newsx_backfill_progress IS
'newsx_backfill jobs: the last key done, rows done and left, results stored';

-- Store the quotations, the entities or both of every row of a table, in
-- batches ordered by its primary key, each committed with the job's
-- progress; a second call with the same job resumes after the last batch
-- committed.  With 'both', target is a prefix: TARGET_quotes and
-- TARGET_entities.
CREATE PROCEDURE newsx_backfill(
    source      regclass,
    body_column name,
    what        text,
    target      text,
    batch_size  integer DEFAULT 500,
    part        integer DEFAULT 0,
    parts       integer DEFAULT 1,
    max_batches integer DEFAULT NULL,
    job         text DEFAULT NULL)
LANGUAGE plpgsql
AS $proc$
DECLARE
    key_col     name;
    key_type    text;
    body_type   regtype;
    kinds       text[];
    tgts        regclass[] := '{}';
    tname       text;
    inserts     text := '';
    counts      text := '';
    jobname     text;
    prog        newsx_backfill_progress;
    n           bigint;
    r           bigint;
    maxkey      text;
    batches     integer := 0;
    t0          timestamptz;
    secs        double precision;
    done_now    bigint := 0;
    part_where  text;
BEGIN
    -- what to extract
    IF what IN ('quotes', 'entities') THEN
        kinds := ARRAY[what];
    ELSIF what = 'both' THEN
        kinds := ARRAY['quotes', 'entities'];
    ELSE
        RAISE EXCEPTION 'newsx_backfill: what must be ''quotes'', ''entities'' or ''both'', not %', quote_nullable(what)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF batch_size IS NULL OR batch_size < 1 THEN
        RAISE EXCEPTION 'newsx_backfill: batch_size must be at least 1'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF parts IS NULL OR parts < 1 OR part IS NULL OR part < 0 OR part >= parts THEN
        RAISE EXCEPTION 'newsx_backfill: part must be in 0 .. parts - 1 (part %, parts %)', part, parts
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Run one call per part, part 0 to parts - 1, in as many sessions.';
    END IF;

    -- the source's key: a primary key of one column
    SELECT a.attname, format_type(a.atttypid, a.atttypmod)
      INTO key_col, key_type
      FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = source AND i.indisprimary AND i.indnatts = 1;
    IF key_col IS NULL THEN
        RAISE EXCEPTION 'newsx_backfill: table % has no primary key of one column', source
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'The backfill walks the table in key order; add a primary key (ALTER TABLE ... ADD PRIMARY KEY).';
    END IF;

    -- the body: a text column
    SELECT a.atttypid::regtype INTO body_type
      FROM pg_attribute a
     WHERE a.attrelid = source AND a.attname = body_column AND a.attnum > 0 AND NOT a.attisdropped;
    IF body_type IS NULL THEN
        RAISE EXCEPTION 'newsx_backfill: table % has no column %', source, quote_ident(body_column)
            USING ERRCODE = 'undefined_column';
    ELSIF body_type NOT IN ('text'::regtype, 'character varying'::regtype) THEN
        RAISE EXCEPTION 'newsx_backfill: column % of % is %, not text', quote_ident(body_column), source, body_type
            USING ERRCODE = 'datatype_mismatch',
                  HINT = 'Give a text column, or a generated text column made from it.';
    END IF;

    -- the targets: made here with the key and the function's columns, or
    -- existing tables with exactly those; the name quoted part by part
    -- (parse_ident raises a clear error if it is bad)
    target := array_to_string(ARRAY(SELECT quote_ident(x) FROM unnest(parse_ident(target)) x), '.');
    FOR k IN 1 .. array_length(kinds, 1) LOOP
        tname := CASE WHEN what = 'both' THEN target || '_' || kinds[k] ELSE target END;
        tname := array_to_string(ARRAY(SELECT quote_ident(x) FROM unnest(parse_ident(tname)) x), '.');
        EXECUTE format('CREATE TEMP TABLE newsx_backfill_shape ON COMMIT DROP AS '
                       'SELECT s.%I AS article_key, x.* FROM %s s, LATERAL extract_%s(s.%I::text) x WITH NO DATA',
                       key_col, source, kinds[k], body_column);
        -- sessions that begin parts of one job at once make the table once
        PERFORM pg_advisory_xact_lock(hashtext('newsx_backfill ' || tname));
        tgts[k] := to_regclass(tname);
        IF tgts[k] IS NULL THEN
            EXECUTE format('CREATE TABLE %s (LIKE newsx_backfill_shape)', tname);
            tgts[k] := to_regclass(tname);
            EXECUTE format('CREATE INDEX ON %s (article_key)', tgts[k]);
        ELSIF (SELECT array_agg(format('%I %s', attname, format_type(atttypid, atttypmod)) ORDER BY attnum)
                 FROM pg_attribute WHERE attrelid = tgts[k] AND attnum > 0 AND NOT attisdropped)
              IS DISTINCT FROM
              (SELECT array_agg(format('%I %s', attname, format_type(atttypid, atttypmod)) ORDER BY attnum)
                 FROM pg_attribute WHERE attrelid = 'newsx_backfill_shape'::regclass AND attnum > 0 AND NOT attisdropped)
        THEN
            RAISE EXCEPTION 'newsx_backfill: table % exists with other columns than the % of %', tgts[k], kinds[k], source
                USING ERRCODE = 'invalid_table_definition',
                      HINT = format('Give a new table name, or one made like: CREATE TABLE t AS SELECT s.%I AS article_key, x.* FROM %s s, LATERAL extract_%s(s.%I) x WITH NO DATA',
                                    key_col, source, kinds[k], body_column);
        END IF;
        DROP TABLE newsx_backfill_shape;
        inserts := inserts || format(', ins%s AS (INSERT INTO %s SELECT b.k, x.* FROM batch b, '
                                     'LATERAL extract_%s(b.body) x RETURNING 1)', k, tgts[k], kinds[k]);
        counts := counts || format(' + (SELECT count(*) FROM ins%s)', k);
    END LOOP;

    -- the job: found (resume) or begun
    jobname := coalesce(job, format('%s %s %s/%s', target, what, part, parts));
    part_where := CASE WHEN parts = 1 THEN 'true'
                       ELSE format('abs(hashtext(%I::text)::bigint) %% %s = %s', key_col, parts, part) END;
    SELECT * INTO prog FROM newsx_backfill_progress p WHERE p.job = jobname;
    IF NOT FOUND THEN
        EXECUTE format('SELECT count(*) FROM %s WHERE %s', source, part_where) INTO n;
        INSERT INTO newsx_backfill_progress (job, source, what, target, part, parts, rows_total)
        VALUES (jobname, source, what, target, part, parts, n)
        RETURNING * INTO prog;
    ELSIF prog.source <> source OR prog.what <> what OR prog.target <> target
          OR prog.part <> part OR prog.parts <> parts THEN
        RAISE EXCEPTION 'newsx_backfill: job % was begun for % of % into % (part %/%)',
                        quote_literal(jobname), prog.what, prog.source, prog.target, prog.part, prog.parts
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Name another job (job => ...), or DELETE its row from newsx_backfill_progress to begin again.';
    ELSIF prog.finished IS NOT NULL THEN
        RAISE NOTICE 'newsx_backfill: job % finished at %: % rows, % results', quote_literal(jobname),
                     prog.finished, prog.rows_done, prog.results;
        RETURN;
    END IF;
    COMMIT;

    t0 := clock_timestamp();
    LOOP
        EXIT WHEN max_batches IS NOT NULL AND batches >= max_batches;
        -- the job's row, locked: a second session on the same job waits
        SELECT * INTO prog FROM newsx_backfill_progress p WHERE p.job = jobname FOR UPDATE;
        EXECUTE format(
            'WITH batch AS (SELECT %1$I AS k, %2$I::text AS body FROM %3$s '
            '               WHERE ($1 IS NULL OR %1$I > $1::%4$s) AND %5$s ORDER BY %1$I LIMIT $2)%6$s '
            'SELECT (SELECT count(*) FROM batch), (SELECT max(k)::text FROM batch), 0%7$s',
            key_col, body_column, source, key_type, part_where, inserts, counts)
          INTO n, maxkey, r
          USING prog.last_key, batch_size;
        IF n = 0 THEN
            UPDATE newsx_backfill_progress p SET finished = now(), updated = now() WHERE p.job = jobname;
            COMMIT;
            RAISE NOTICE 'newsx_backfill: job % done: % rows, % results', quote_literal(jobname),
                         prog.rows_done, prog.results;
            EXIT;
        END IF;
        UPDATE newsx_backfill_progress p
           SET last_key = maxkey, rows_done = p.rows_done + n, results = p.results + r, updated = now()
         WHERE p.job = jobname
        RETURNING * INTO prog;
        COMMIT;
        batches := batches + 1;
        done_now := done_now + n;
        secs := extract(epoch FROM clock_timestamp() - t0);
        RAISE NOTICE 'newsx_backfill: % rows done, % left, % rows/s, about % s left',
                     prog.rows_done, greatest(prog.rows_total - prog.rows_done, 0),
                     round((done_now / greatest(secs, 0.001))::numeric, 1),
                     round((greatest(prog.rows_total - prog.rows_done, 0) * secs / done_now)::numeric);
    END LOOP;
END
$proc$;

COMMENT ON PROCEDURE newsx_backfill(regclass, name, text, text, integer, integer, integer, integer, text) IS
'store extract_quotes, extract_entities or both of every row of a table in batches that commit; resumes where it stopped';
