/*
 * nx_quotes_rules.h
 *	  Every rule of the quotation pipeline, one row a rule, in the order
 *	  of the passes that run them (nx_quotes.c).  No include guard: a
 *	  reader defines NX_QRULE and includes this file.
 *
 *	  NX_QRULE(id, pass, name, what)
 *		id		NX_QR_<id> is its number; a quotation records the rules
 *				that made and changed it (NxQuote.rules)
 *		pass	the pass that runs it (QPass, nx_quotes_int.h)
 *		name	as quotes_debug() shows it
 *		what	one line: what it does, with an example
 *
 *	  A rule with a test of its own in test/test_quote_rules.c fails
 *	  that test when it is switched off (NxQuoteOptions.off).
 */

/* ---- tag: the tagger's chunks ---- */
NX_QRULE(CUE_START_FIX, TAG, "cue_start_fix",
		 "a cue chunk that took in the end of a bare-determiner source gives it back (one | shipping agent said)")

/* ---- blocks: a paragraph quoted whole after a colon ---- */
NX_QRULE(BLOCK_QUOTE, BLOCKS, "block_quote",
		 "a paragraph without marks after one ending in a cue and a colon is quoted whole (he told the FSB that:)")
NX_QRULE(BLOCK_SUBJECT, BLOCKS, "block_subject",
		 "a block's reporting verb the tagger missed takes the pronoun or source right before it as its source")
NX_QRULE(BLOCK_NEEDS_SPEAKER, BLOCKS, "block_needs_speaker",
		 "a reporting word the tagger did not take, with nobody saying it, makes no block (all times EST:)")

/* ---- contents: the tagger's contents, their bounds, cues and sources ---- */
NX_QRULE(TAGGED_CONTENT, CONTENTS, "tagged_content",
		 "a content chunk of the tagger is a quotation")
NX_QRULE(BLOCK_INTRO, CONTENTS, "block_intro",
		 "the words that introduce a block quote are no content of their own (told the FSB that:)")
NX_QRULE(CLOSING_MARK, CONTENTS, "closing_mark",
		 "a content that stops short of its closing mark takes it (… “Football Life.”)")
NX_QRULE(START_AT_COLON, CONTENTS, "start_at_colon",
		 "a content whose last quotation follows a colon or dash starts at its mark (a compliment: “You …”)")
NX_QRULE(START_AT_PARTICIPLE, CONTENTS, "start_at_participle",
		 "a content whose last quotation follows a comma and a participle of speech starts at its mark (…, singing “…”)")
NX_QRULE(START_AFTER_ATTRIBUTION, CONTENTS, "start_after_attribution",
		 "words before a comma and a quotation that hold a source, cue or reporting verb are not content")
NX_QRULE(START_QUOTED_SENTENCE, CONTENTS, "start_quoted_sentence",
		 "a quoted sentence of four words or more after a comma starts the content (…, Hillary shot back, “I …”)")
NX_QRULE(START_AFTER_CUE, CONTENTS, "start_after_cue",
		 "a few words between a cue and a comma are not content (wrote on Twitter, “…”)")
NX_QRULE(END_AFTER_MARK, CONTENTS, "end_after_mark",
		 "a quotation ending in , ? or ! inside its mark ends the content before the words after it")
NX_QRULE(END_BEFORE_PUNCT, CONTENTS, "end_before_punct",
		 "a content ends at its closing mark before a comma, parenthesis, semicolon or dash")
NX_QRULE(END_BEFORE_ATTRIBUTION, CONTENTS, "end_before_attribution",
		 "a content ends at its closing mark when a source or cue follows it")
NX_QRULE(CUE_NEAREST, CONTENTS, "cue_nearest",
		 "the content's cue is the nearest cue chunk in its sentence, else in its paragraph")
NX_QRULE(CUE_NAME_SPLIT, CONTENTS, "cue_name_split",
		 "a cue chunk opening with a name before its verb gives the name as the source (“…?” Vitter demanded)")
NX_QRULE(CUE_AFTER_SUBORDINATE, CONTENTS, "cue_after_subordinate",
		 "a cue after the content behind a subordinating word is another clause's (…,” when Clinton blasted him)")
NX_QRULE(CUE_AFTER_BEATS_BEFORE, CONTENTS, "cue_after_beats_before",
		 "an attribution right after a quotation is nearer than a cue in a sentence before (“…?” Trump went on)")
NX_QRULE(CUE_OWN_SENTENCE, CONTENTS, "cue_own_sentence",
		 "a reporting verb in the quotation's own sentence is nearer than a cue chunk in another")
NX_QRULE(CUE_UNMARKED_SENTENCE, CONTENTS, "cue_unmarked_sentence",
		 "reported speech without marks takes a cue only from its own sentences")
NX_QRULE(CONTENT_OWN_ATTRIBUTION, CONTENTS, "content_own_attribution",
		 "a content opening with a name and a reporting verb before \"that\" or a mark has them for its source and cue (Russia insisted that …)")
NX_QRULE(CUE_SHOWN_PARTICIPLE, CONTENTS, "cue_shown_participle",
		 "a participle of speech after a name shown (footage of Trump saying, “…”) is the cue, the name its source")
NX_QRULE(CUE_ABOUT, CONTENTS, "cue_about",
		 "a content opening with \"about\" after a verb has that verb and \"about\" for its cue (as Trump went on about “…”)")
NX_QRULE(CUE_PARTICIPLE, CONTENTS, "cue_participle",
		 "a participle of speech after a comma right before the quotation is its cue (…, singing “…”)")
NX_QRULE(CUE_DASH, CONTENTS, "cue_dash",
		 "a dash and a name after a quotation are its cue and source (“…” — Commissioner X)")
NX_QRULE(DASH_SIGNED_PARAGRAPH, CONTENTS, "dash_signed_paragraph",
		 "a dash and a name closing a paragraph after a quotation sign every quotation of it that has no cue (“…” And that's all he has “…” ― Christina Lastra.)")
NX_QRULE(CUE_PARAGRAPH_BEFORE, CONTENTS, "cue_paragraph_before",
		 "a paragraph opening a content after one ending in a colon takes that paragraph's last cue (He said:)")
NX_QRULE(CUE_WORD_PARAGRAPH_BEFORE, CONTENTS, "cue_word_paragraph_before",
		 "else a reporting word of that last sentence (issued the following statement:)")
NX_QRULE(CONTINUED_PARAGRAPH, CONTENTS, "continued_paragraph",
		 "a quotation going on from the paragraph before has its cue and source")
NX_QRULE(CUE_NEAR_VERB, CONTENTS, "cue_near_verb",
		 "a content the tagger gave no cue takes a reporting verb a few tokens from either end")
NX_QRULE(PLAIN_SUBJECT, CONTENTS, "plain_subject",
		 "for an unmarked content, such a verb's subject is kept only when it plainly is one (Bloomberg started …)")
NX_QRULE(COLON_SPEAKER, CONTENTS, "colon_speaker",
		 "a name and a colon opening the sentence are the content's source and cue (Kasich: ‘We Are …’)")
NX_QRULE(CLOSING_ATTRIBUTION, CONTENTS, "closing_attribution",
		 "a name and a verb the model does not know right after a quotation are its attribution (“…,” Trump went on)")
NX_QRULE(NEXT_SENTENCE, CONTENTS, "next_sentence",
		 "a quoted sentence right after the sentence attributing the quotation before takes its attribution")
NX_QRULE(INVERTED_CONTENT, CONTENTS, "inverted_content",
		 "a content right after an inverting cue is the quotation before's source (“…,” says the ad's narrator)")
NX_QRULE(INVERTED_CLAUSE, CONTENTS, "inverted_clause",
		 "such a content after a clause and a comma is the clause's source (…, noted NBC's Dante Chinni.)")
NX_QRULE(SAME_CUE_SOURCE, CONTENTS, "same_cue_source",
		 "a quotation going on with the cue of the one before takes its source")
NX_QRULE(DROP_SCARE_QUOTE, CONTENTS, "drop_scare_quote",
		 "a short phrase with no cue and no source is a scare quote or title, not a quotation")
NX_QRULE(DROP_UNATTRIBUTED, CONTENTS, "drop_unattributed",
		 "words without marks, cue or source: nothing says they were said")
NX_QRULE(DROP_ONE_WORD, CONTENTS, "drop_one_word",
		 "a reported clause without marks of one word is none (he believes it)")
NX_QRULE(SENTENCE_SUBJECT, CONTENTS, "sentence_subject",
		 "quoted words later in a sentence with no known reporting verb take its subject, when a person or body")
NX_QRULE(SOURCE_NEAREST, CONTENTS, "source_nearest",
		 "a cue's source is the nearest source chunk of its sentence outside the content, left first")
NX_QRULE(SOURCE_NOT_RELATIVE, CONTENTS, "source_not_relative",
		 "a relative pronoun before another verb is not the source of a participle after a comma (an architect who said …, saying “…”)")
NX_QRULE(SOURCE_INVERTED, CONTENTS, "source_inverted",
		 "a noun phrase right after the cue wins over a source chunk past a comma (“…,” added his manager Jeff Weaver)")
NX_QRULE(SUBJECT_RELATIVE, CONTENTS, "subject_relative",
		 "a relative pronoun right before the cue is its source (the police department which reported)")
NX_QRULE(SUBJECT_PASSIVE, CONTENTS, "subject_passive",
		 "a cue in the passive has no subject for its source (29 others were admitted; Smith was told)")
NX_QRULE(SUBJECT_OPENING_PARTICIPLE, CONTENTS, "subject_opening_participle",
		 "a participle opening its sentence takes the main clause's subject (After saying “…,” she left)")
NX_QRULE(SUBJECT_BY_PARTICIPLE, CONTENTS, "subject_by_participle",
		 "a participle after \"by\" takes the sentence's subject (Dean began by saying …)")
NX_QRULE(SUBJECT_PARTICIPLE, CONTENTS, "subject_participle",
		 "a participle after the main clause takes the sentence's subject (Cruz belittled it, calling it “…”)")
NX_QRULE(SUBJECT_SECOND_VERB, CONTENTS, "subject_second_verb",
		 "a second verb of the sentence takes its subject (He walked it back and said …)")
NX_QRULE(SUBJECT_COMMA_CLAUSE, CONTENTS, "subject_comma_clause",
		 "a cue after a comma clause takes the words before that clause (Fiorina, speaking to Iowans, said)")
NX_QRULE(SUBJECT_PRONOUN, CONTENTS, "subject_pronoun",
		 "a pronoun right before the cue is its source (she said)")
NX_QRULE(SUBJECT_NAME, CONTENTS, "subject_name",
		 "a run of names and titles right before the cue is its source (Smith said)")
NX_QRULE(SUBJECT_INVERTED_PRONOUN, CONTENTS, "subject_inverted_pronoun",
		 "a pronoun right after the cue, ending the clause, is its source (said he.)")
NX_QRULE(SUBJECT_INVERTED_NAME, CONTENTS, "subject_inverted_name",
		 "a name right after the cue is its source (said Democratic strategist Simon Rosenberg)")
NX_QRULE(SUBJECT_INVERTED_PHRASE, CONTENTS, "subject_inverted_phrase",
		 "an article and a few words right after the cue are its source (said the boy)")
NX_QRULE(SUBJECT_NP_BEFORE, CONTENTS, "subject_np_before",
		 "the noun phrase right before the cue is its source (The complaint alleged)")
NX_QRULE(SUBJECT_DATELINE, CONTENTS, "subject_dateline",
		 "a sentence's subject comes after its dateline and dash (CLEVELAND - Donald Trump painted …)")
NX_QRULE(SUBJECT_APPOSITIVE, CONTENTS, "subject_appositive",
		 "a sentence's subject takes in its appositive (Huma Abedin, vice chairwoman for the campaign, emailed)")
NX_QRULE(SUBJECT_PHRASE, CONTENTS, "subject_phrase",
		 "a sentence's subject that is no name: the words to its verb (In May, a federal judge sided …)")

/* ---- patterns: attributions the tagger misses, as rows of a table ---- */
NX_QRULE(ACCORDING_TO, PATTERNS, "according_to",
		 "“according to X” makes X the source of the clause on the other side of its comma")
NX_QRULE(AS_PUT_IT, PATTERNS, "as_put_it",
		 "“As X put it,” makes X the source of what follows, over what the tagger found")
NX_QRULE(NAME_COLON, PATTERNS, "name_colon",
		 "a paragraph opening with a name and a colon is that name's (TAPPER: …, De Blasio: Trust …)")
NX_QRULE(ROUNDUP_LINE, PATTERNS, "roundup_line",
		 "a round-up line's name before a comma and an outlet speaks the quotation after the colon (Jane Roe, Acme News: “…”)")

/* ---- recovery: what the tagger left out ---- */
NX_QRULE(MISSED_QUOTATION, MISSED, "missed_quotation",
		 "a quotation of five words or more that no content took, with a reporting word near, is one")
NX_QRULE(MISSED_SHORT_QUOTATION, MISSED, "missed_short_quotation",
		 "a shorter one right after a verb of speech is one too (chanted “Build the wall!”)")
NX_QRULE(CUE_WITHOUT_CONTENT, BARE_CUES, "cue_without_content",
		 "a cue with a source that no content took reports a clause of its sentence")
NX_QRULE(CLAUSE_QUOTED_BEFORE, BARE_CUES, "clause_quoted_before",
		 "that clause is the quoted words before the source and a comma (The dam was “under control”, an official told VNR)")
NX_QRULE(CLAUSE_MARK_COMMA, BARE_CUES, "clause_mark_comma",
		 "or the words before it when a comma stands inside their closing mark (“heartbreaking,” she said)")
NX_QRULE(CLAUSE_BEFORE_ATTRIBUTION, BARE_CUES, "clause_before_attribution",
		 "or the sentence before a closing attribution (The plan will fail, officials said last week.)")
NX_QRULE(CLAUSE_AFTER_CUE, BARE_CUES, "clause_after_cue",
		 "or the rest of the sentence after the cue (X said the plan would fail.)")
NX_QRULE(BARE_SAID, BARE_SAID, "bare_said",
		 "a sentence the tagger left bare with a name and said, says or told opening it reports the rest")

/* ---- mentions: the source's span as PolNeAR marks it ---- */
NX_QRULE(QA_TURN, MENTIONS, "qa_turn",
		 "an interview's Q: and A: mark turns, not speakers")
NX_QRULE(RELATIVE_CLOSED, MENTIONS, "relative_closed",
		 "a closed relative clause before the cue leaves the words before “who” as the source")
NX_QRULE(CUE_AUXILIARIES, MENTIONS, "cue_auxiliaries",
		 "auxiliaries and adverbs before the verb are part of the cue (has said, also said)")
NX_QRULE(NAME_PARTICLE, MENTIONS, "name_particle",
		 "a name's particle and what comes before it join the mention (Pieter van Dam)")
NX_QRULE(MENTION_DETERMINER, MENTIONS, "mention_determiner",
		 "the article or quantifier before a mention joins it (the economist Jared Bernstein, his critics)")
NX_QRULE(MENTION_TITLE, MENTIONS, "mention_title",
		 "a title right before a name joins the mention (Sen. Marco Rubio)")
NX_QRULE(TITLE_ORGANISATION, MENTIONS, "title_organisation",
		 "the organisation before a title joins the mention (Amnesty International spokesman Eric Ferrero)")
NX_QRULE(BEFORE_APPOSITIVE, MENTIONS, "before_appositive",
		 "the words before an appositive mention join it (Hicks, his campaign spokeswoman, said)")
NX_QRULE(NAME_AFTER_DESCRIPTION, MENTIONS, "name_after_description",
		 "a name set off after a description joins it (Her campaign manager, Robby Mook, said)")
NX_QRULE(TRIM_BY, MENTIONS, "trim_by",
		 "the agent of a passive starts after “by” (a decision announced by Politico)")
NX_QRULE(TRIM_ASIDE, MENTIONS, "trim_aside",
		 "an aside after a comma leaves the mention (Rush Limbaugh, for one,)")
NX_QRULE(TRIM_TIME, MENTIONS, "trim_time",
		 "a time right after a name leaves the mention (Gov. Mike Pence on Thursday)")
NX_QRULE(TRIM_VERB, MENTIONS, "trim_verb",
		 "a verb the tagger took in leaves the mention (Mr. Trump tried to)")
NX_QRULE(OPEN_CLAUSE, MENTIONS, "open_clause",
		 "a relative clause still open at the cue leaves the mention (Senator Ted Cruz of Texas, who threatened)")
NX_QRULE(SOURCE_COMMA, MENTIONS, "source_comma",
		 "a mention with an appositive takes the comma that closes it, one without none")
NX_QRULE(DROP_NON_MENTION, MENTIONS, "drop_non_mention",
		 "a mention opening with a preposition, conjunction or auxiliary is none (of Republicans)")
NX_QRULE(DROP_MENTION_IN_CONTENT, MENTIONS, "drop_mention_in_content",
		 "a mention inside its own content is none")
NX_QRULE(RELATIVE_TO_END, MENTIONS, "relative_to_end",
		 "a relative clause after an inverted source runs to the sentence's end (said Eric Woolson, who worked …)")
NX_QRULE(KNOWING_PHRASE, MENTIONS, "knowing_phrase",
		 "the phrase saying how a source knows joins it (officials familiar with the plan)")

/* ---- speakers: the name a mention resolves to ---- */
NX_QRULE(SPEAKER_PRONOUN_HEAD, SPEAKERS, "speaker_pronoun_head",
		 "a mention opening with a subject pronoun and holding no name speaks as the pronoun (she pointed to)")
NX_QRULE(SPEAKER_RELATIVE, SPEAKERS, "speaker_relative",
		 "a mention “who” after a comma speaks for the words before it, or the name an appositive there follows; right after a name, for that name")
NX_QRULE(SPEAKER_APPOSITIVE_NAME, SPEAKERS, "speaker_appositive_name",
		 "a description with no name of its own gives the name set off after it (Another Clinton ally, Agriculture Secretary Tom Vilsack,)")
NX_QRULE(SPEAKER_RELATIVE_NP, SPEAKERS, "speaker_relative_np",
		 "a lone who or which no phrase before took speaks for the noun phrase right before it (alarm among legal experts, who worry)")
NX_QRULE(NAME_VERB_WORD, SPEAKERS, "name_verb_word",
		 "a capitalised word of a verb or title before a body's noun opens its name (The State Department said, the Republican National Committee)")
NX_QRULE(NAME_NICKNAME, SPEAKERS, "name_nickname",
		 "a nickname in quotation marks inside a name is part of it, and left out of the speaker's name (Marcia \"Cia\" Price: Marcia Price)")
NX_QRULE(NAME_LATER_SURNAME, SPEAKERS, "name_later_surname",
		 "a capitalised word opening a sentence, no name before it, is the surname of the one entity named later with it (Tshisekedi: We will win. … Felix Tshisekedi)")
NX_QRULE(ORG_FIRST_WORD, SPEAKERS, "org_first_word",
		 "a lone word that opens the longer name of one organisation named before is that organisation (Peabody: Peabody Energy)")
NX_QRULE(SPEAKER_NAME, SPEAKERS, "speaker_name",
		 "a mention holding a name gives its entity's fullest name (President Putin: Vladimir Putin)")
NX_QRULE(SPEAKER_PRONOUN, SPEAKERS, "speaker_pronoun",
		 "a personal pronoun gives the entity that agrees with it and is likeliest named before it")
NX_QRULE(SPEAKER_AUTHOR, SPEAKERS, "speaker_author",
		 "I outside quotation marks is the writer: the name that signs the letter after it, else the person a closing line describes (Charlotte Meehan is a playwright …)")
NX_QRULE(SPEAKER_CAMPAIGN, SPEAKERS, "speaker_campaign",
		 "a person's campaign speaks as the organisation “NAME campaign” (The Clinton campaign; Clinton's or her campaign where the article writes Clinton campaign)")
NX_QRULE(CAMPAIGN_POSSESSIVE, SPEAKERS, "campaign_possessive",
		 "NAME's campaign, when the article never writes NAME campaign, speaks as the surname and campaign (Clinton’s campaign: Clinton campaign)")
NX_QRULE(SPEAKER_DESCRIPTION, SPEAKERS, "speaker_description",
		 "a definite description gives the entity the article described so before (the mayor: Bill de Blasio)")
NX_QRULE(DOCUMENT_ANTECEDENT, SPEAKERS, "document_antecedent",
		 "a document's description not named before by its own noun refers to the latest document named (Mariano wrote a memoir … the book said)")

/* ---- keys: what each quotation is for a dashboard ---- */
NX_QRULE(BELIEF_CUE, KEYS, "belief_cue",
		 "a row without marks whose cue is a belief, intention or feeling (believes, wants, fears) is no speech")
