-- quotes.sql: extract_quotes()
-- prerequisites: the extension and its default quotation model
CREATE EXTENSION newsx;
SELECT count(*) > 0 AS model_works FROM extract_quotes('“We will win,” Smith said.');
\i samples/load.sql

-- positions contract on every row: content, cue and speaker mention as written
SELECT a.name, count(*) AS quotes,
       count(*) FILTER (WHERE strpos(substr(a.body, q.pos, q.len), q.quote) = 0) AS bad_content,
       count(*) FILTER (WHERE q.cue IS NOT NULL AND substr(a.body, q.cue_pos, q.cue_len) <> q.cue) AS bad_cue,
       count(*) FILTER (WHERE (q.speaker_pos IS NULL) <> (q.speaker IS NULL)) AS bad_speaker
FROM articles a, LATERAL extract_quotes(a.body) q GROUP BY a.name ORDER BY a.name;

-- the default model and the named one agree
SELECT count(*) AS differ FROM articles a,
  LATERAL (SELECT * FROM extract_quotes(a.body)
           EXCEPT SELECT * FROM extract_quotes(a.body, 'en')) d;

-- a helper view of short texts: one row per quotation
CREATE FUNCTION q(body text) RETURNS TABLE (quote text, kind text, speaker text,
  mention text, cue text, paragraph int, sentence int, speaker_key text)
LANGUAGE sql AS $$
  SELECT quote, kind, speaker, substr(body, speaker_pos, speaker_len), cue,
         paragraph, sentence, speaker_key
  FROM extract_quotes(body) ORDER BY pos $$;

-- mark styles: curly, straight, guillemets, low-high, single
SELECT * FROM q('“The port will reopen on Monday,” Mayor Ana Costa said.');
SELECT * FROM q('"The port will reopen on Monday," Mayor Ana Costa said.');
SELECT * FROM q('«The port will reopen on Monday,» Mayor Ana Costa said.');
SELECT * FROM q('„The port will reopen on Monday,“ Mayor Ana Costa said.');
SELECT * FROM q('‘The port will reopen on Monday,’ Mayor Ana Costa said.');
-- typewriter marks: two apostrophes or backticks are a double mark
SELECT * FROM q($$''The port will reopen on Monday,'' Mayor Ana Costa said.$$);
SELECT * FROM q($$``The port will reopen on Monday,'' Mayor Ana Costa said.$$);
-- nesting: a quotation inside a quotation is one row
SELECT * FROM q('“They told us ‘wait until spring’ and we waited,” the fisherman Tom Reyes said.');
-- apostrophes are not quotation marks
SELECT * FROM q('“The workers’ union won’t sign the members’ deal,” Costa said.');
-- unbalanced marks: an unclosed quotation runs to the paragraph's end
SELECT * FROM q('Costa said: “The port will reopen on Monday and the ferries will run again');
-- a quotation over two paragraphs: an opening mark on each, a closing one at the end
SELECT * FROM q(E'Costa said: “The port will reopen on Monday.\n\n“The ferries will run again by the end of the month.”');
-- the speaker before, after and inside
SELECT * FROM q('Mayor Ana Costa said, “The port will reopen on Monday.”');
SELECT * FROM q('“The port will reopen on Monday,” said Mayor Ana Costa.');
SELECT * FROM q('“The port will reopen on Monday,” Mayor Ana Costa said, “and the ferries will run again.”');
-- an appositive
SELECT * FROM q('Hugh Hill, a doctor at the harbour clinic, said: “We treated forty people overnight.”');
-- according to X
SELECT * FROM q('According to the harbour master Lena Fisk, the port will stay closed until Friday.');
-- a title before the name
SELECT * FROM q('White House press secretary Karoline Leavitt told Fox News that no meeting was planned.');
-- a pronoun in a later sentence resolves to the person before it
SELECT * FROM q('Mayor Ana Costa visited the docks on Tuesday. “We will rebuild every pier,” she said.');
-- a dash attribution
SELECT * FROM q(E'The council met on Tuesday.\n\n“We will rebuild every pier before the winter storms arrive.” — Commissioner Paul Grant');
-- an update line
SELECT * FROM q(E'Update 1330 GMT: President Putin says the talks were useful and will continue next week.');
SELECT * FROM q(E'The river rose overnight.\n\nUpdate 0715 GMT: Interior Minister Lena Sørensen says 3,000 people have been evacuated');
-- scare quotes and titles in quotation marks without a cue are not quotations
SELECT * FROM q('The so-called “deal” was signed after the film “Dune” opened in Paris.');
-- but a short one right after a verb of speech is
SELECT * FROM q('The mayor spoke for an hour. At the end, the crowd chanted “Open the port!” and went home.');
-- a quotation interrupted by its attribution gives two rows with the same speaker
SELECT * FROM q('“We are ready,” Costa said, “to sign the agreement today.”');
-- a relative pronoun is the mention of its own clause's verb, the speaker the name before it
SELECT * FROM q('The pastor spoke first. Swanson praised Franklin Graham, who has publicly vowed that he would not buy the cookies.');
-- "As X put it": X is the source of what follows, "put it" the cue
SELECT * FROM q('The storm closed the docks. As the harbour master, Lena Fisk, put it: “The port will not reopen this winter.”');
-- a participle of speech before a quotation is its cue (singing), nearer than the verb before
SELECT * FROM q('At the rally, the drummer called Democratic volunteers to the front, singing "We Are Ready."');
-- a block quotation: a verbatim paragraph after a colon, without marks
SELECT * FROM q(E'In a statement, the mayor Ana Costa told the council that:\n\nThe port will reopen on Monday and the ferries will run again.');

-- the speaker key matches extract_entities' key
SELECT q.speaker, q.speaker_key,
       q.speaker_key IN (SELECT key FROM extract_entities(
         'Russian President Vladimir Putin met the envoy. “The talks were useful,” Putin said.')) AS entity_key
FROM extract_quotes('Russian President Vladimir Putin met the envoy. “The talks were useful,” Putin said.') q;

-- speakers and their keys, one article a case:
-- 1 a campaign speaks as the organisation "NAME campaign", however the
--   article refers to it (her campaign, the Clinton campaign): one org: key
-- 2 a state's party members are a group, no person (Virginia is also a
--   given name); a network whose first word is a given name is an
--   organisation
-- 3 a headline's surname is the person named later with it
-- 4 a possessive campaign the article never writes as "NAME campaign"
SELECT a.n, q.quote, q.speaker, q.speaker_key
FROM (VALUES
  (1, 'Hillary Clinton spoke in Ohio on Monday. Her campaign said the debate would be fair. "We are ready for Monday," the Clinton campaign said in a statement.'),
  (2, 'Virginia Democrats met on Monday. "We will fight it," the Virginia Democrats said. Fox News reported the poll. "The race is close," Fox said.'),
  (3, E'Trump says the plan will fail.\n\nDonald Trump spoke in Ohio on Monday.'),
  (4, 'Bernie Sanders spoke in Iowa on Monday. "We will win the state," Bernie Sanders’ campaign said.')
) a(n, body), LATERAL extract_quotes(a.body) q
ORDER BY a.n, q.pos;

-- speech: what was said or written; a belief, intention or feeling is a row, but no speech
SELECT quote, cue, speech FROM extract_quotes(
  'Costa said the port would reopen. Reyes fears the strike will last. According to the union, talks resume on Monday. Okonkwo wants a new contract.')
ORDER BY pos;

-- quote_key: the same quoted words in two articles, whatever their case,
-- punctuation and marks, join; other words do not
SELECT a.quote_key = b.quote_key AS same_key, a.quote_key ~ '^[0-9a-f]{16}$' AS hex
FROM extract_quotes('“We will not close the port,” Ana Costa said on Monday.') a,
     extract_quotes('Costa told reporters: "We will NOT close the port!"') b;
SELECT a.quote_key = b.quote_key AS same_key
FROM extract_quotes('“We will not close the port,” Ana Costa said on Monday.') a,
     extract_quotes('“We will not close the ports,” Ana Costa said on Monday.') b;

-- NULL and empty text give no rows
SELECT count(*) FROM extract_quotes(NULL);
SELECT count(*) FROM extract_quotes('');

DROP FUNCTION q(text);
DROP TABLE articles;
DROP EXTENSION newsx;
