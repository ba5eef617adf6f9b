-- load.sql: an articles table with the sample articles (run from the
-- project root, after CREATE EXTENSION newsx: used by the demo, the tests
-- and the benchmark)
CREATE TABLE articles (id serial PRIMARY KEY, name text NOT NULL UNIQUE, body text NOT NULL);
\set body `cat samples/harbour-strike.txt`
INSERT INTO articles (name, body) VALUES ('harbour-strike', :'body');
\set body `cat samples/flood-live.txt`
INSERT INTO articles (name, body) VALUES ('flood-live', :'body');
\set body `cat samples/summit.txt`
INSERT INTO articles (name, body) VALUES ('summit', :'body');
\set body `cat samples/council-budget.txt`
INSERT INTO articles (name, body) VALUES ('council-budget', :'body');
\set body `cat samples/harbour-talks.txt`
INSERT INTO articles (name, body) VALUES ('harbour-talks', :'body');
\set body `cat samples/harbour-deal.txt`
INSERT INTO articles (name, body) VALUES ('harbour-deal', :'body');
\set body `cat samples/flood-recovery.txt`
INSERT INTO articles (name, body) VALUES ('flood-recovery', :'body');
\set body `cat samples/summit-reaction.txt`
INSERT INTO articles (name, body) VALUES ('summit-reaction', :'body');
