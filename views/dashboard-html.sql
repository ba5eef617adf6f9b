-- dashboard-html.sql: the dashboards of views/dashboards.sql as one
-- self-contained HTML page, its charts inline SVG (no script, no external
-- file, no web font), printed on standard output:
--
--   psql -X -q -At -f views/dashboard-html.sql -o dashboard.html
--
-- Everything is computed here in SQL; the helpers live in pg_temp and go
-- with the session.
\set QUIET on
\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on

-- HTML text and attribute escaping.
CREATE FUNCTION pg_temp.esc(t text) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN replace(replace(replace(replace(coalesce(t, ''), '&', '&amp;'), '<', '&lt;'),
                       '>', '&gt;'), '"', '&quot;');

-- "1 article", "3 articles".
CREATE FUNCTION pg_temp.n(k numeric, noun text) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN k || ' ' || noun || CASE WHEN k = 1 THEN '' ELSE 's' END;

-- Horizontal bars, one or two stacked series; notes[i] is written after
-- bar i (its value by default).
CREATE FUNCTION pg_temp.hbars(labels text[], a numeric[], b numeric[], notes text[],
                              a_name text, b_name text) RETURNS text
LANGUAGE sql
RETURN (
    WITH d AS (
        SELECT i, labels[i] AS label, coalesce(a[i], 0) AS va, coalesce(b[i], 0) AS vb,
               coalesce(notes[i], (coalesce(a[i], 0) + coalesce(b[i], 0))::text) AS note
        FROM generate_subscripts(labels, 1) AS i),
    m AS (SELECT greatest(max(va + vb), 1) AS mx, count(*) AS n FROM d)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 %s" role="img" aria-label="%s">',
                  28 * m.n + 34, pg_temp.esc(a_name))
        || string_agg(format(
               '<text x="246" y="%s" text-anchor="end" class="label"><title>%s</title>%s</text>'
               '<rect x="254" y="%s" width="%s" height="18" class="s1"><title>%s: %s</title></rect>'
               '<rect x="%s" y="%s" width="%s" height="18" class="s2"><title>%s: %s</title></rect>'
               '<text x="%s" y="%s" class="value">%s</text>',
               28 * (d.i - 1) + 15, pg_temp.esc(d.label),
               pg_temp.esc(CASE WHEN length(d.label) > 34 THEN left(d.label, 33) || '…' ELSE d.label END),
               28 * (d.i - 1) + 2, round(230 * d.va / m.mx, 1), pg_temp.esc(a_name), d.va,
               round(254 + 230 * d.va / m.mx, 1), 28 * (d.i - 1) + 2, round(230 * d.vb / m.mx, 1),
               pg_temp.esc(b_name), d.vb,
               round(260 + 230 * (d.va + d.vb) / m.mx, 1), 28 * (d.i - 1) + 15, pg_temp.esc(d.note)),
               '' ORDER BY d.i)
        || format('<rect x="254" y="%s" width="12" height="12" class="s1"/><text x="272" y="%s" class="legend">%s</text>',
                  28 * m.n + 12, 28 * m.n + 22, pg_temp.esc(a_name))
        || CASE WHEN b_name IS NULL THEN ''
                ELSE format('<rect x="420" y="%s" width="12" height="12" class="s2"/><text x="438" y="%s" class="legend">%s</text>',
                            28 * m.n + 12, 28 * m.n + 22, pg_temp.esc(b_name)) END
        || '</svg>'
    FROM d, m
    GROUP BY m.mx, m.n);

-- The page --------------------------------------------------------------

SELECT $html$<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsx dashboards</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a202c; background: #f4f5f7; margin: 0; }
header { background: #1a365d; color: #fff; padding: 18px 32px; }
header h1 { margin: 0; font-size: 24px; }
header p { margin: 4px 0 0; color: #cbd5e0; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 20px; padding: 20px 32px 32px; max-width: 1400px; }
section { background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); padding: 16px 20px; }
section.wide { grid-column: 1 / -1; }
h2 { font-size: 17px; margin: 0 0 2px; }
p.note { color: #4a5568; font-size: 13px; margin: 0 0 10px; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 12px system-ui, sans-serif; fill: #2d3748; }
svg text.value, svg text.legend { fill: #4a5568; }
.s1 { fill: #2b6cb0; } .s2 { fill: #90cdf4; }
.people { fill: #2b6cb0; } .orgs { fill: #38a169; } .unnamed { fill: #dd6b20; } .unattributed { fill: #a0aec0; }
line.edge { stroke: #4a5568; stroke-opacity: .45; stroke-linecap: round; }
circle.person { fill: #2b6cb0; } circle.org { fill: #38a169; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
th { color: #4a5568; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
footer { color: #718096; font-size: 12px; padding: 0 32px 24px; }
code { font-size: 12px; }
</style>
</head>
<body>$html$;

SELECT format('<header><h1>newsx dashboards</h1><p>%s articles from %s to %s &middot; %s quotations &middot; %s entity mentions &middot; computed inside PostgreSQL by newsx %s</p></header>',
              (SELECT count(*) FROM articles),
              (SELECT coalesce(to_char(min(published), 'FMDD Mon YYYY'), '?') FROM articles),
              (SELECT coalesce(to_char(max(published), 'FMDD Mon YYYY'), '?') FROM articles),
              (SELECT count(*) FROM article_quotes),
              (SELECT count(*) FROM article_entities),
              (SELECT pg_temp.esc(extversion) FROM pg_extension WHERE extname = 'newsx'));

SELECT '<main>';

-- Most-quoted people
SELECT '<section><h2>Most-quoted people</h2><p class="note">Quotations attributed to a named person, all days (<code>top_speakers_daily</code>).</p>'
    || coalesce((SELECT pg_temp.hbars(array_agg(speaker ORDER BY quotes DESC, speaker),
                                      array_agg(quotes ORDER BY quotes DESC, speaker), NULL,
                                      array_agg(format('%s in %s', pg_temp.n(quotes, 'quote'), pg_temp.n(articles, 'article')) ORDER BY quotes DESC, speaker),
                                      'quotations', NULL)
                 FROM (SELECT speaker_key, min(speaker) AS speaker, sum(quotes) AS quotes, sum(articles) AS articles
                       FROM top_speakers_daily GROUP BY speaker_key
                       ORDER BY 3 DESC, 2 LIMIT 10) t), '<p>No quotations yet.</p>')
    || '</section>';

-- Most-quoted organisations
SELECT '<section><h2>Most-quoted organisations</h2><p class="note">Quoted as the speaker (&ldquo;The Red Cross said&rdquo;) or through their people (&ldquo;&hellip;, president of the union, said&rdquo;) (<code>quoted_organisations</code>).</p>'
    || coalesce((SELECT pg_temp.hbars(array_agg(organisation ORDER BY quotes DESC, organisation),
                                      array_agg(as_speaker ORDER BY quotes DESC, organisation),
                                      array_agg(through_people ORDER BY quotes DESC, organisation),
                                      NULL, 'as the speaker', 'through their people')
                 FROM (SELECT * FROM quoted_organisations ORDER BY quotes DESC, organisation LIMIT 10) t),
                '<p>No organisation quoted yet.</p>')
    || '</section>';

-- Sources by day: stacked columns
WITH d AS (
    SELECT row_number() OVER (ORDER BY day) AS i, * FROM unnamed_sources_daily),
m AS (SELECT greatest(max(quotes), 1) AS mx, count(*) AS n FROM d),
g AS (SELECT greatest(44, 900 / greatest(n, 1)) AS step FROM m)
SELECT '<section class="wide"><h2>Who the quotations come from, by day</h2><p class="note">Named people, organisations, unnamed sources (&ldquo;a spokesman&rdquo;, &ldquo;officials&rdquo;, &ldquo;a person familiar with the talks&rdquo;) and quotations without a speaker; the share of unnamed sources above each day (<code>unnamed_sources_daily</code>).</p>'
    || coalesce((
        SELECT format('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s 270" role="img" aria-label="sources by day">',
                      greatest(960, 60 + m.n * least(g.step, 120)))
            || '<line x1="40" y1="220" x2="' || (50 + m.n * least(g.step, 120)) || '" y2="220" stroke="#a0aec0"/>'
            || string_agg(
                   format('<g><title>%s: %s quotations, %s people, %s organisations, %s unnamed, %s unattributed</title>', d.day, d.quotes, d.people, d.organisations, d.unnamed, d.unattributed)
                || format('<rect x="%s" y="%s" width="%s" height="%s" class="people"/>', x, 220 - h1, w, h1)
                || format('<rect x="%s" y="%s" width="%s" height="%s" class="orgs"/>', x, 220 - h1 - h2, w, h2)
                || format('<rect x="%s" y="%s" width="%s" height="%s" class="unnamed"/>', x, 220 - h1 - h2 - h3, w, h3)
                || format('<rect x="%s" y="%s" width="%s" height="%s" class="unattributed"/>', x, 220 - h1 - h2 - h3 - h4, w, h4)
                || format('<text x="%s" y="%s" text-anchor="middle" class="value">%s%%</text>', x + w / 2, 220 - h1 - h2 - h3 - h4 - 6, round(100 * d.unnamed_share))
                || format('<text x="%s" y="238" text-anchor="middle" class="label">%s</text>', x + w / 2, to_char(d.day, 'FMDD Mon'))
                || format('<text x="%s" y="254" text-anchor="middle" class="value">%s</text></g>', x + w / 2, d.quotes),
                   '' ORDER BY d.i)
            || '<rect x="40" y="258" width="0" height="0"/>'
            || '</svg>'
            || '<p class="note"><svg viewBox="0 0 560 16" style="max-width:560px"><rect x="0" y="2" width="12" height="12" class="people"/><text x="18" y="12">named people</text><rect x="130" y="2" width="12" height="12" class="orgs"/><text x="148" y="12">organisations</text><rect x="260" y="2" width="12" height="12" class="unnamed"/><text x="278" y="12">unnamed sources</text><rect x="400" y="2" width="12" height="12" class="unattributed"/><text x="418" y="12">no speaker</text></svg></p>'
        FROM d, m, g,
             LATERAL (SELECT 50 + (d.i - 1) * least(g.step, 120) AS x, least(g.step, 120) * 0.6 AS w,
                             round(180.0 * d.people / m.mx, 1) AS h1, round(180.0 * d.organisations / m.mx, 1) AS h2,
                             round(180.0 * d.unnamed / m.mx, 1) AS h3, round(180.0 * d.unattributed / m.mx, 1) AS h4) p
        GROUP BY m.n, g.step), '<p>No quotations yet.</p>')
    || '</section>';

-- Quoted together: a circle of named sources, lines for shared articles
WITH e AS (SELECT * FROM quoted_together),
nodes0 AS (
    SELECT key, min(name) AS name, sum(articles) AS weight FROM (
        SELECT speaker_a AS key, name_a AS name, articles FROM e
        UNION ALL SELECT speaker_b, name_b, articles FROM e) x
    GROUP BY key ORDER BY weight DESC, key LIMIT 16),
nodes AS (
    SELECT key, name, weight, row_number() OVER (ORDER BY key) - 1 AS i, count(*) OVER () AS n FROM nodes0),
pos AS (
    SELECT *, 2 * pi() * i / n - pi() / 2 AS ang FROM nodes),
xy AS (
    SELECT *, 330 + 165 * cos(ang) AS x, 215 + 165 * sin(ang) AS y FROM pos)
SELECT '<section><h2>Quoted together</h2><p class="note">Named sources quoted in the same article; a thicker line for more articles (<code>quoted_together</code>). People in blue, organisations in green.</p>'
    || coalesce((
        SELECT '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 660 430" role="img" aria-label="quoted together">'
            || coalesce((SELECT string_agg(format('<line x1="%s" y1="%s" x2="%s" y2="%s" class="edge" stroke-width="%s"><title>%s and %s: %s articles</title></line>',
                                                  round(a.x::numeric, 1), round(a.y::numeric, 1), round(b.x::numeric, 1), round(b.y::numeric, 1),
                                                  1 + 2 * (e.articles - 1), pg_temp.esc(a.name), pg_temp.esc(b.name), e.articles), '' ORDER BY e.articles, a.key, b.key)
                         FROM e JOIN xy a ON a.key = e.speaker_a JOIN xy b ON b.key = e.speaker_b), '')
            || string_agg(format('<circle cx="%s" cy="%s" r="%s" class="%s"><title>%s</title></circle><text x="%s" y="%s" text-anchor="%s">%s</text>',
                                 round(x::numeric, 1), round(y::numeric, 1), round(4 + 1.5 * sqrt(weight)::numeric, 1),
                                 CASE WHEN key LIKE 'person:%' THEN 'person' ELSE 'org' END, pg_temp.esc(name),
                                 round((330 + 180 * cos(ang))::numeric, 1), round((219 + 180 * sin(ang))::numeric, 1),
                                 CASE WHEN cos(ang) > 0.2 THEN 'start' WHEN cos(ang) < -0.2 THEN 'end' ELSE 'middle' END,
                                 pg_temp.esc(name)), '' ORDER BY i)
            || '</svg>'
        FROM xy), '<p>No two named sources quoted together yet.</p>')
    || '</section>';

-- Entity co-mentions
SELECT '<section><h2>Mentioned together</h2><p class="note">People, organisations and places named in the same sentence, most sentences first (<code>entity_comentions</code>).</p>'
    || coalesce((SELECT pg_temp.hbars(array_agg(name_a || ' + ' || name_b ORDER BY sentences DESC, articles DESC, name_a, name_b),
                                      array_agg(sentences ORDER BY sentences DESC, articles DESC, name_a, name_b), NULL,
                                      array_agg(format('%s, %s', pg_temp.n(sentences, 'sentence'), pg_temp.n(articles, 'article')) ORDER BY sentences DESC, articles DESC, name_a, name_b),
                                      'sentences naming both', NULL)
                 FROM (SELECT * FROM entity_comentions WHERE sentences > 0
                       ORDER BY sentences DESC, articles DESC, name_a, name_b LIMIT 10) t),
                '<p>No entities mentioned together yet.</p>')
    || '</section>';

-- Top speakers by week
SELECT '<section><h2>Top speakers by week</h2><p class="note">Weeks start on Monday (<code>top_speakers_weekly</code>).</p><table><tr><th>Week of</th><th>Most quoted</th><th class="n">Quotations</th></tr>'
    || coalesce(string_agg(format('<tr><td>%s</td><td>%s</td><td class="n">%s</td></tr>',
                                  to_char(week, 'FMDD Mon YYYY'), speakers, quotes), '' ORDER BY week), '')
    || '</table></section>'
FROM (SELECT week, string_agg(pg_temp.esc(speaker) || ' (' || quotes || ')', ', ' ORDER BY rank, speaker) AS speakers,
             sum(quotes) AS quotes
      FROM top_speakers_weekly WHERE rank <= 3 GROUP BY week) w;

-- Repeated quotations
SELECT '<section class="wide"><h2>Repeated quotations</h2><p class="note">The same quoted words in more than one article, and who they are credited to (<code>repeated_quotations</code>).</p><table><tr><th>Quotation</th><th>Credited to</th><th class="n">Articles</th><th>First seen</th></tr>'
    || coalesce(string_agg(format('<tr><td>&ldquo;%s&rdquo;</td><td>%s</td><td class="n">%s</td><td>%s</td></tr>',
                                  pg_temp.esc(quote), pg_temp.esc(coalesce(array_to_string(speakers, ', '), '')),
                                  articles, coalesce(to_char(first_seen, 'YYYY-MM-DD'), '')),
                           '' ORDER BY articles DESC, quote), '<tr><td colspan="4">No quotation repeated yet.</td></tr>')
    || '</table></section>'
FROM (SELECT * FROM repeated_quotations ORDER BY articles DESC, quote LIMIT 10) r;

-- The articles
SELECT '<section class="wide"><h2>The articles</h2><p class="note">Header, headline, dateline and byline read by <code>article_meta(body)</code>; live-blog updates by <code>updates(body)</code>.</p><table><tr><th>Date</th><th>Headline</th><th>Dateline</th><th>By</th><th class="n">Quotations</th><th class="n">Entities</th><th>Updates</th></tr>'
    || string_agg(format('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class="n">%s</td><td class="n">%s</td><td>%s</td></tr>',
                         coalesce(to_char(a.published, 'YYYY-MM-DD'), ''), pg_temp.esc(m.headline), pg_temp.esc(m.dateline),
                         pg_temp.esc(m.author), jsonb_array_length(a.quotes), jsonb_array_length(a.entities),
                         coalesce((SELECT string_agg(to_char(u.time, 'HH24:MI') || ' ' || pg_temp.esc(u.text), '<br>' ORDER BY u.n)
                                   FROM updates(a.body) u), '')),
                  '' ORDER BY a.published NULLS LAST, a.id)
    || '</table></section>'
FROM articles a, LATERAL article_meta(a.body) m;

SELECT '</main><footer>Made by <code>views/dashboard-html.sql</code> from the materialized views of <code>views/dashboards.sql</code>. The articles are fictional samples written for newsx.</footer></body></html>';
