-- entities_news.sql: extract_entities() on the forms of today's news that
-- 1996 Reuters did not teach: title-case headlines, names with particles,
-- names with digits and hyphens, wire-copy lines, the people and the
-- organisations of today's news.
-- prerequisites: the extension and its default model
CREATE EXTENSION newsx;

CREATE TEMP TABLE news (name text PRIMARY KEY, body text);
INSERT INTO news VALUES
('headline', $$Clinton Breaks With Obama on Trade Deal, Sanders Says.

Hillary Clinton broke with President Barack Obama on Friday over the trade deal, Senator Bernie Sanders said.$$),
('particles', $$Pieter van der Berg met Osama bin Laden's biographer and Maria de la Cruz in Abu Dhabi. Ahmed al-Assad and Ludwig van Beethoven's heirs were not there.$$),
('digits', $$The Air Force flew the F-35 and the F-16 over the base. Leaders of the G7 and the G20 met in Rome.$$),
('wire', $$WASHINGTON, Dec 4 (Reuters) - The Senate voted on Friday.

U.S. President Joe Biden speaks in Washington, U.S., December 3, 2021. REUTERS/Kevin Lamarque/Pool

Reporting by Jeff Mason; Editing by Leslie Adler$$),
('people', $$When Trump launched his campaign, few took him seriously. Trump is now leading the polls. Merkel met Obama in Berlin. Yanukovych fled to Russia in 2014. Priebus said the party would unite behind Trump.$$);

-- positions contract on every row
SELECT n.name, count(*) AS entities,
       count(*) FILTER (WHERE substr(n.body, e.pos, e.len) <> e.entity) AS bad
FROM news n, LATERAL extract_entities(n.body) e GROUP BY n.name ORDER BY n.name;

-- a title-case headline: its names, and no run of capitalised words taken
-- for one name (Breaks With Obama, Trade Deal), nor the verb after the
-- last name (Sanders Says).  Obama in the headline is a person (it was ORG
-- while the city list had the town of Obama); the type of a lone surname
-- in title case changes with the training seed.
SELECT entity, type, sentence FROM extract_entities((SELECT body FROM news WHERE name = 'headline'))
ORDER BY pos;

-- particles stay inside a name
SELECT entity, type FROM extract_entities((SELECT body FROM news WHERE name = 'particles'))
ORDER BY pos;

-- names with digits and hyphens are whole (a known limit: H5N1 and 9/11
-- are often missed)
SELECT entity FROM extract_entities((SELECT body FROM news WHERE name = 'digits'))
WHERE entity ~ '[0-9]' ORDER BY pos;

-- a name written with a hyphen is one name, as CoNLL-2003 writes it as one
-- token: the runs of capitalised words the tagger reads go across a hyphen
-- written without spaces (Holtz-Eakin's second mention was two people).
-- Known limits: the type of a company named so can be wrong (Hewlett-Packard
-- MISC), and a double name after a surname the lists know is still cut
-- at times (Carlos Lopez | Cantera)
SELECT entity, type FROM extract_entities(
  'Douglas Holtz-Eakin, a former director of the Congressional Budget Office, said the plan '
  'would cost more. Mr. Holtz-Eakin added that the deficit would grow. Shares of '
  'Hewlett-Packard rose 3 percent on Tuesday. Melissa Mark-Viverito, the council speaker, '
  'agreed.')
ORDER BY pos;

-- wire copy: the dateline's city is a place, the agency an organisation;
-- the month, the photo credit's Pool and "Reporting by" / "Editing by" are
-- no entities, the journalists are people
SELECT entity, type FROM extract_entities((SELECT body FROM news WHERE name = 'wire'))
ORDER BY pos;
SELECT count(*) AS wire_words_as_entities
FROM extract_entities((SELECT body FROM news WHERE name = 'wire'))
WHERE entity ~* '^(dec|pool|reporting|editing)$';

-- people the training text never names, whose names the news text
-- writes after a title (President Obama) and which are in the family-name
-- list for that reason (data/README.md): Obama is a person, not the
-- organisation his Brown cluster suggests, and Yanukovych is found
SELECT entity, type FROM extract_entities((SELECT body FROM news WHERE name = 'people'))
ORDER BY pos;

-- organisations 1996 Reuters never named, in the organisation list for
-- that reason (data/README.md): companies younger than it, movements and
-- armed groups are ORG, where the word clusters had made them places,
-- people or nothing.  Known limits: "Twitter said ..." alone gives no
-- entity, "posted on YouTube" none with some trainings, and Uber is a place.
SELECT entity, type FROM extract_entities(
  'Facebook said on Tuesday that it had removed the accounts. A Google spokesman declined '
  'to comment. The video was posted on YouTube and Instagram. Netflix was not available. '
  'Black Lives Matter activists marched in Dallas on Sunday. ISIL claimed the attack, '
  'a day after al-Qaeda did.')
ORDER BY pos;

-- an organisation's acronym is ORG also before a noun: GOP too, which the
-- tagger learnt as MISC from CoNLL-2003's one example
SELECT entity, type FROM extract_entities(
  'The GOP nominee met NATO and EU officials, and G.O.P. donors gave money to the GOP.')
ORDER BY pos;

-- "The" belongs to an organisation's name only in an official title that
-- the lexicon holds with it (The Washington Post), not to other papers
-- and short forms (The New York Post, The Post)
SELECT entity, type FROM extract_entities(
  'The Washington Post and The New York Post reported it on Monday. The Post said so.')
ORDER BY pos;

-- a party tag after a legislator's name, in parentheses or between
-- commas: the party's letter (MISC) and the state (LOC), each a span.
-- A title is no entity: the second "Rep." (after a party tag), which the
-- tagger takes for a name of its own (MISC), goes before the person's name.
SELECT entity, type FROM extract_entities(
  'Rep. Trey Gowdy (R-S.C.) and Rep. Stephen Lynch (D-Mass.) met Del. Marcia Price (D-Newport News). '
  'Majority Leader Mitch McConnell, R-Ky., said so.')
ORDER BY pos;

-- confidence is a probability fitted to how often the tagger is right
-- (the model's calib): in (0, 1], high for most names and lower for some
-- (without the fitting it was 1 for nearly every entity)
SELECT bool_and(e.confidence > 0 AND e.confidence <= 1) AS in_range,
       count(*) FILTER (WHERE e.confidence >= 0.9) > count(*) / 2 AS mostly_sure,
       count(*) FILTER (WHERE e.confidence < 0.99) > 0 AS some_doubt
FROM news n, LATERAL extract_entities(n.body) e;

DROP EXTENSION newsx;
