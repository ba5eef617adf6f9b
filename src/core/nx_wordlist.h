/*
 * nx_wordlist.h
 *	  Every word class of the quotation pipeline, in one list: the classes
 *	  the attribution model was trained with and the classes its rules
 *	  read.  Like PostgreSQL's kwlist.h, it has no include guard: a reader
 *	  defines NX_WORDCLASS, includes this file and gets one row a class.
 *
 *	  NX_WORDCLASS(id, name, kind, file, words)
 *		id		NX_W_<id>: for TRAINED and RULE rows, the class's bit in a
 *				token's mask (nx_words.h)
 *		name	as SQL and the model's LEXICON section spell it
 *		kind	TRAINED: the attribution tagger's features read it, and its
 *				words are compiled into the quotation model by the trainer;
 *				a change needs the model retrained (make models), and the
 *				unit tests fail until it is.
 *				RULE: read only by the rules of nx_quotes_*.c; change it
 *				freely (the rule tests and the evaluation say whether the
 *				change is good).
 *				LEXICON: a list of names (of places, organisations, given
 *				names by sex), one entry a line of its file, compiled into
 *				the quotation model's NAMES section, read only by the
 *				speakers pass, for a span of tokens (nx_words_span_keys):
 *				a change needs make models, and leaves the weights as
 *				they are.
 *		file	a list in data/lexicon whose words join the class (TRAINED:
 *				every word of every line; LEXICON: every line; NULL for
 *				none)
 *		words	lower-case, separated by spaces.  A RULE word is ASCII
 *				letters and matches a token whose case fold it is (in the
 *				pipeline; nx_words_abbrev: a token equal to it ignoring
 *				ASCII case), as a TRAINED word does.
 *
 *	  Where does a new word go?  If the tagger should learn from it, a
 *	  TRAINED class (then make models); if one rule should read it, that
 *	  rule's RULE class.
 *
 *	  The TRAINED rows come first, in the order of the model's classes,
 *	  then the RULE rows (at most 64 in all: a token's mask is 64 bits),
 *	  then the LEXICON rows (at most 32 TRAINED and LEXICON rows: the
 *	  model's classes).
 */

/* ---- trained: read by the attribution tagger's features ---- */

/* reporting verbs, every inflected form */
NX_WORDCLASS(CUE_VERB, "cue-verb", TRAINED, NULL,
	"say said says saying tell told tells telling add adds added adding "
	"write wrote written writes writing ask asks asked asking note notes "
	"noted noting claim claims claimed claiming argue argues argued arguing "
	"explain explains explained explaining announce announces announced "
	"announcing report reports reported reporting suggest suggests "
	"suggested suggesting insist insists insisted insisting warn warns "
	"warned warning tweet tweets tweeted tweeting state states stated "
	"stating declare declares declared declaring acknowledge acknowledges "
	"acknowledged acknowledging admit admits admitted admitting deny denies "
	"denied denying answer answers answered answering reply replies replied "
	"replying respond responds responded responding recall recalls recalled "
	"recalling continue continues continued continuing conclude concludes "
	"concluded concluding observe observes observed observing remark "
	"remarks remarked remarking comment comments commented commenting "
	"complain complains complained complaining contend contends contended "
	"contending assert asserts asserted asserting maintain maintains "
	"maintained maintaining predict predicts predicted predicting promise "
	"promises promised promising vow vows vowed vowing urge urges urged "
	"urging accuse accuses accused accusing describe describes described "
	"describing call calls called calling testify testifies testified "
	"testifying confirm confirms confirmed confirming believe believes "
	"believed believing think thought thinks thinking speak spoke spoken "
	"speaks speaking show showed shown shows showing find found finds "
	"finding estimate estimates estimated estimating indicate indicates "
	"indicated indicating reveal reveals revealed revealing point points "
	"pointed pointing mention mentions mentioned mentioning emphasize "
	"emphasizes emphasized emphasizing emphasise emphasises emphasised "
	"emphasising stress stresses stressed stressing concede concedes "
	"conceded conceding question questions questioned questioning wonder "
	"wonders wondered wondering joke jokes joked joking quip quips quipped "
	"quipping boast boasts boasted boasting charge charges charged charging "
	"allege alleges alleged alleging caution cautions cautioned cautioning "
	"counter counters countered countering disclose discloses disclosed "
	"disclosing elaborate elaborates elaborated elaborating affirm affirms "
	"affirmed affirming proclaim proclaims proclaimed proclaiming pledge "
	"pledges pledged pledging propose proposes proposed proposing recommend "
	"recommends recommended recommending demand demands demanded demanding "
	"hope hopes hoped hoping fear fears feared fearing worry worries "
	"worried worrying feel felt feels feeling know knew known knows knowing "
	"expect expects expected expecting agree agrees agreed agreeing "
	"disagree disagrees disagreed disagreeing criticize criticizes "
	"criticized criticizing criticise criticises criticised criticising "
	"praise praises praised praising slam slams slammed slamming blast "
	"blasts blasted blasting tout touts touted touting post posts posted "
	"posting email emails emailed emailing text texts texted texting cite "
	"cites cited citing read reads reading shout shouts shouted shouting "
	"yell yells yelled yelling whisper whispers whispered whispering "
	"exclaim exclaims exclaimed exclaiming muse muses mused musing reason "
	"reasons reasoned reasoning recount recounts recounted recounting "
	"relate relates related relating signal signals signaled signaling hint "
	"hints hinted hinting imply implies implied implying underscore "
	"underscores underscored underscoring posit posits posited positing "
	"opine opines opined opining order orders ordered ordering decline "
	"declines declined declining refuse refuses refused refusing threaten "
	"threatens threatened threatening inform informs informed informing "
	"advise advises advised advising assure assures assured assuring remind "
	"reminds reminded reminding forecast forecasts forecasting forecasted "
	"project projects projected projecting determine determines determined "
	"determining discover discovers discovered discovering learn learned "
	"learnt learns learning hear heard hears hearing see saw seen sees "
	"seeing consider considers considered considering reckon reckons "
	"reckoned reckoning guess guesses guessed guessing suspect suspects "
	"suspected suspecting doubt doubts doubted doubting regret regrets "
	"regretted regretting lament laments lamented lamenting apologize "
	"apologizes apologized apologizing apologise apologises apologised "
	"apologising thank thanks thanked thanking welcome welcomes welcomed "
	"welcoming applaud applauds applauded applauding condemn condemns "
	"condemned condemning denounce denounces denounced denouncing dismiss "
	"dismisses dismissed dismissing reject rejects rejected rejecting "
	"defend defends defended defending endorse endorses endorsed endorsing "
	"support supports supported supporting oppose opposes opposed opposing "
	"blame blames blamed blaming credit credits credited crediting attack "
	"attacks attacked attacking mock mocks mocked mocking ridicule "
	"ridicules ridiculed ridiculing label labels labeled labeling brand "
	"brands branded branding dub dubs dubbed dubbing term terms termed "
	"terming characterize characterizes characterized characterizing "
	"characterise characterises characterised characterising portray "
	"portrays portrayed portraying query queries queried querying interrupt "
	"interrupts interrupted interrupting chime chimes chimed chiming "
	"interject interjects interjected interjecting retort retorts retorted "
	"retorting rebut rebuts rebuted rebuting scoff scoffs scoffed scoffing "
	"sneer sneers sneered sneering bemoan bemoans bemoaned bemoaning decry "
	"decries decried decrying grumble grumbles grumbled grumbling concur "
	"concurs concured concuring clarify clarifies clarified clarifying "
	"specify specifies specified specifying detail details detailed "
	"detailing outline outlines outlined outlining summarize summarizes "
	"summarized summarizing summarise summarises summarised summarising "
	"unveil unveils unveiled unveiling release releases released releasing "
	"publish publishes published publishing broadcast broadcasts "
	"broadcasting air airs aired airing reiterate reiterates reiterated "
	"reiterating repeat repeats repeated repeating echo echos echoed "
	"echoing swear swore sworn swears swearing guarantee guarantees "
	"guaranteed guaranteing confess confesses confessed confessing plead "
	"pleads pleaded pleading submit submits submitted submitting file files "
	"filed filing sue sues sued suing advocate advocates advocated "
	"advocating campaign campaigns campaigned campaigning lobby lobbies "
	"lobbied lobbying push pushes pushed pushing press presses pressed "
	"pressing pressure pressures pressured pressuring want wants wanted "
	"wanting wish wishes wished wishing prefer prefers preferred preferring "
	"plan plans planned planning intend intends intended intending seem "
	"seems seemed seeming appear appears appeared appearing")

/* nouns that report (statement, interview, tweet) */
NX_WORDCLASS(CUE_NOUN, "cue-noun", TRAINED, NULL,
	"statement statements interview interviews remarks speech speeches "
	"tweet tweets post posts letter email emails memo report reports "
	"release testimony op-ed editorial column essay book video message "
	"appearance briefing conference announcement declaration comments "
	"comment")

/* words that attribute without a verb (according, per, via) */
NX_WORDCLASS(CUE_PREP, "cue-prep", TRAINED, NULL,
	"according per via citing")

/* pronouns */
NX_WORDCLASS(PRONOUN, "pronoun", TRAINED, NULL,
	"he she they i we you it him her them his their its who which that this "
	"himself herself themselves one")

/* titles and roles before a name */
NX_WORDCLASS(TITLE, "title", TRAINED, "title.txt",
	"president senator sen. rep. gov. governor secretary spokesman "
	"spokeswoman spokesperson mayor chairman chairwoman chair director "
	"leader minister candidate nominee congressman congresswoman "
	"representative ambassador attorney general judge justice commissioner "
	"adviser advisor aide manager strategist analyst professor dr. mr. mrs. "
	"ms. gen. lt. col. speaker chief executive ceo founder head official "
	"officials press deputy vice former democrat republican democratic gop "
	"chancellor premier king queen prince pope sheriff chancellor coach")

/* nouns that are often a source (officials, a poll) */
NX_WORDCLASS(SOURCE_NOUN, "source-noun", TRAINED, NULL,
	"official officials spokesman spokeswoman spokesperson source sources "
	"aide aides analyst analysts expert experts critic critics supporter "
	"supporters voter voters poll polls survey surveys study studies report "
	"reports campaign administration government police prosecutors lawyer "
	"lawyers attorney attorneys observers people residents witnesses "
	"democrats republicans lawmakers leaders members staff team group "
	"committee department agency office spokespeople statement data figures")

/* nouns of what is said (words, claim, warning) */
NX_WORDCLASS(SPEECH_NOUN, "speech-noun", TRAINED, NULL,
	"words quote quotes phrase slogan claim claims argument message comment "
	"remark question answer response reply promise pledge vow warning "
	"accusation allegation assertion suggestion belief view views opinion "
	"position stance")

/* negations */
NX_WORDCLASS(NEGATION, "negation", TRAINED, NULL,
	"not n't never no neither nor nothing nobody")

/* modal verbs */
NX_WORDCLASS(MODAL, "modal", TRAINED, NULL,
	"will would can could may might must shall should 'll 'd")

/* words that open a subordinate clause */
NX_WORDCLASS(SUBORD, "subord", TRAINED, NULL,
	"that whether if because although though while when where how why what "
	"as since unless")

/* given names */
NX_WORDCLASS(FIRST_NAME, "first-name", TRAINED, "per-first.txt", "")

/* ---- rules: read by the quotation rules only ---- */

/* what shows someone speaking: its participle then reports the quotation
 * (footage of Trump saying, “…”; an ad featuring voters telling …) */
NX_WORDCLASS(SHOWING, "showing", RULE, NULL,
	"footage video videos clip clips tape tapes recording recordings "
	"showing shows featuring features")

/* verbs of speech that a short quotation right after them reports (chanted “Build the wall!”) */
NX_WORDCLASS(SPEECH_VERB, "speech-verb", RULE, NULL,
	"said says say saying chanted chanting chant chants shouted shouting "
	"shout yelled yelling screamed cried read reading tweeted wrote replied "
	"responded answered declared exclaimed added")

/* participles of speech that report the quotation after them (…, singing “…”) */
NX_WORDCLASS(SPEECH_PARTICIPLE, "speech-participle", RULE, NULL,
	"saying chanting shouting yelling screaming singing reading crying "
	"adding declaring exclaiming tweeting writing asking")

/* verbs that come before their source after a quotation (…,” says the narrator) */
NX_WORDCLASS(INVERTING_VERB, "inverting-verb", RULE, NULL,
	"said says say wrote writes read reads opined added adds noted notes "
	"asked asks concluded explained")

/* verbs of speech that report the rest of their sentence (X said the plan would fail) */
NX_WORDCLASS(BARE_SPEECH_VERB, "bare-speech-verb", RULE, NULL,
	"said says told")

/* verbs whose object is the listener (told reporters …) */
NX_WORDCLASS(TELL_VERB, "tell-verb", RULE, NULL,
	"told tell tells telling assured reminded informed warned")

/* listeners: told reporters, told the council */
NX_WORDCLASS(AUDIENCE, "audience", RULE, NULL,
	"reporters journalists lawmakers supporters voters crowd council "
	"committee audience us me him them you")

/* past tenses without -ed that end a subject (The president left no doubt) */
NX_WORDCLASS(PAST_VERB, "past-verb", RULE, NULL,
	"left took made went came gave got struck began ran won spoke wrote "
	"sent met held kept brought thought found stood told said saw knew led "
	"lost paid sought fought felt heard drew threw shook broke chose rose "
	"fell became hit put set cut")

/* verbs that end a source the tagger ran on into its predicate (Mr. Trump tried to) */
NX_WORDCLASS(SOURCE_VERB, "source-verb", RULE, NULL,
	"is was are were has have had will would could should can may might "
	"must does did tried wanna")

/* words between a subject and its verb: auxiliaries and some adverbs */
NX_WORDCLASS(AUX, "aux", RULE, NULL,
	"is was are were has have had will would also then later again once did "
	"does do")

/* forms of "be" before a participle: a cue in the passive (were admitted, was told) */
NX_WORDCLASS(BE_FORM, "be-form", RULE, NULL,
	"is was are were be been being")

/* words that open a sentence before a participle of speech, whose subject
 * is the main clause's (After saying "…", she left; By offering …, Trump) */
NX_WORDCLASS(PARTICIPLE_OPENER, "participle-opener", RULE, NULL,
	"after before while when since despite by upon without in on through")

/* particles of a phrasal verb of speech before "about" (went on about, spoke out about) */
NX_WORDCLASS(ABOUT_PARTICLE, "about-particle", RULE, NULL,
	"on out up off back")

/* pronouns that can be a subject */
NX_WORDCLASS(SUBJECT_PRONOUN, "subject-pronoun", RULE, NULL,
	"he she they we i")

/* personal pronouns of one person, which resolve to a name (he, she, him, her, his, hers) */
NX_WORDCLASS(PERSONAL_PRONOUN, "personal-pronoun", RULE, NULL,
	"he she him her his hers")

/* words that open a clause inside a source (Friedman, who …) */
NX_WORDCLASS(CLAUSE_WORD, "clause-word", RULE, NULL,
	"who whose whom which that")

/* conjunctions that may come before a clause opening a sentence (Or, as …) */
NX_WORDCLASS(CONJUNCTION, "conjunction", RULE, NULL,
	"or but and yet so")

/* articles */
NX_WORDCLASS(ARTICLE, "article", RULE, NULL,
	"the a an")

/* words that open a noun phrase before its noun (the, his campaign manager) */
NX_WORDCLASS(NP_OPENER, "np-opener", RULE, NULL,
	"the a an his her their its our")

/* words that end no subject (The embattled …, This is …) */
NX_WORDCLASS(DETERMINER, "determiner", RULE, NULL,
	"the a an this that these those it its his her their our my your some "
	"any no every each")

/* determiners and quantifiers that open a source (his critics, many voters) */
NX_WORDCLASS(QUANTIFIER, "quantifier", RULE, NULL,
	"his her their its our my your some many most other several two three "
	"both all")

/* determiners a cue chunk can leave bare as a source (one | shipping agent said) */
NX_WORDCLASS(BARE_DETERMINER, "bare-determiner", RULE, NULL,
	"one a an the another some many several two three")

/* words that open the object of a verb in the past tense (issued a statement) */
NX_WORDCLASS(OBJECT_OPENER, "object-opener", RULE, NULL,
	"a an the this that these those his her their its out up back off "
	"without")

/* prepositions, which an article may follow inside a subject (One employee at a firm) */
NX_WORDCLASS(PREPOSITION, "preposition", RULE, NULL,
	"at in on of for with from by to into over about after before like than "
	"as inside outside near under against among within without during "
	"through behind across around between throughout toward towards")

/* words that end a noun phrase on its left */
NX_WORDCLASS(NP_STOP, "np-stop", RULE, NULL,
	"that and but who which when as if because while after before where so "
	"or than")

/* words that open a phrase after a verb, not a reported clause */
NX_WORDCLASS(NOT_CLAUSE, "not-clause", RULE, NULL,
	"in from at on during earlier for into over after before since up out "
	"off")

/* words that open a phrase before a sentence's subject (In May, …) */
NX_WORDCLASS(INTRO, "intro", RULE, NULL,
	"in on at for after before during since with without despite amid "
	"following under unlike like when while as once speaking")

/* adverbs that open a sentence before its subject (However, Adelson …) */
NX_WORDCLASS(SENTENCE_ADVERB, "sentence-adverb", RULE, NULL,
	"however meanwhile still instead nevertheless nonetheless indeed now "
	"later earlier separately yet also then finally moreover furthermore "
	"likewise similarly otherwise previously overall today yesterday there "
	"here so thus again afterward afterwards")

/* capitalised words that open a sentence without naming anyone */
NX_WORDCLASS(NOT_NAME, "not-name", RULE, NULL,
	"but and as after by when while even if what this that all in on at so "
	"then also still yet monday tuesday wednesday thursday friday saturday "
	"sunday the a an")

/* words that open an adverbial, not a subject, before a comma (For now, Pantucci said) */
NX_WORDCLASS(NOT_SUBJECT, "not-subject", RULE, NULL,
	"for throughout during since until of from with without under over "
	"instead first second finally recently earlier later now meanwhile "
	"however still speaking asked here there today yesterday last next in "
	"on at after before like unlike despite according separately overall "
	"similarly")

/* words that open no mention of a speaker (of Republicans, though the group) */
NX_WORDCLASS(NOT_MENTION_OPENER, "not-mention-opener", RULE, NULL,
	"of for in on at to from with without into during though although like "
	"only meanwhile then and or but than as if so because since while when "
	"where after before why how what there has have had is are was were")

/* words that open an aside after a source's name (DuPont, only two months later,) */
NX_WORDCLASS(ASIDE, "aside", RULE, NULL,
	"meanwhile however though too also only almost for in after before "
	"during without with when while on at still later again instead like "
	"unlike despite indeed apparently reportedly perhaps earlier once last "
	"this today yesterday speaking nonetheless therefore")

/* words of time that can end a source */
NX_WORDCLASS(TIME_WORD, "time-word", RULE, NULL,
	"monday tuesday wednesday thursday friday saturday sunday today "
	"yesterday tonight week month year morning night evening afternoon "
	"weekend january february april june july august september october "
	"november december")

/* words before a time that ends a source (on Thursday, last week) */
NX_WORDCLASS(TIME_OPENER, "time-opener", RULE, NULL,
	"on this last earlier")

/* nouns of time that head an opening phrase, not a subject (A month later, …) */
NX_WORDCLASS(TIME_NOUN, "time-noun", RULE, NULL,
	"day days week weeks month months year years decade time moment hour "
	"hours night morning evening")

/* lower-case words inside an organisation's name (University of Michigan) */
NX_WORDCLASS(NAME_JOINER, "name-joiner", RULE, NULL,
	"of for and")

/* lower-case words inside names (Pieter van Dam, Charles de Gaulle) */
NX_WORDCLASS(NAME_PARTICLE, "name-particle", RULE, NULL,
	"van von de der den da di du del della la le bin ibn al el dos das ter "
	"ten")

/* words that open a pattern rule (nx_quotes_patterns.c): its matcher is tried only at them */
NX_WORDCLASS(PATTERN_OPENER, "pattern-opener", RULE, NULL,
	"according as")

/* words that head an organisation's name: before "of", "on" or "for" in it
 * (University of Michigan, Commission on Presidential Debates), or ending it */
NX_WORDCLASS(ORG_HEAD, "org-head", RULE, NULL,
	"university department bank commission association institute council "
	"committee board office bureau ministry college school agency academy "
	"society foundation federation league union court center centre fund "
	"party church museum corporation company service network coalition "
	"alliance organization organisation authority campaign")

/* words that end a place's name (Kent County, the Marshall Islands) */
NX_WORDCLASS(PLACE_HEAD, "place-head", RULE, NULL,
	"county counties island islands township province district parish")

/* nouns of a place that a relative "who" does not refer to (Democrats
 * across the country, who) */
NX_WORDCLASS(PLACE_NOUN, "place-noun", RULE, NULL,
	"country world nation state city area region")

/* words, honorifics and roles of men and of women (Mr, spokeswoman, his
 * wife, the widow), read with a final period dropped */
NX_WORDCLASS(MALE_WORD, "male-word", RULE, NULL,
	"mr sir king prince spokesman chairman congressman businessman husband "
	"father son brother widower grandfather uncle nephew boyfriend actor "
	"lord duke emperor councilman assemblyman alderman")
NX_WORDCLASS(FEMALE_WORD, "female-word", RULE, NULL,
	"mrs ms miss madam lady queen princess spokeswoman chairwoman "
	"congresswoman businesswoman wife mother daughter sister widow "
	"grandmother aunt niece girlfriend actress duchess empress "
	"councilwoman assemblywoman alderwoman")

/* suffixes after a family name (Vann R. Newkirk II), read with a final period dropped */
NX_WORDCLASS(NAME_SUFFIX, "name-suffix", RULE, NULL,
	"jr sr ii iii iv")

/* nouns of documents, whose author speaks through them (a Government
 * Accountability Office report, the IMF report, Ivana Trump's brief) */
NX_WORDCLASS(DOCUMENT_NOUN, "document-noun", RULE, NULL,
	"report reports memo memorandum article study statement analysis poll "
	"survey brief ruling release website document ad ads book video letter "
	"filing complaint lawsuit editorial column tweet tweets post blog piece "
	"clip story memoir")

/* verbs and nouns of a belief, intention or feeling rather than of speech
 * (believes, wants, fears, a hope): a row with such a cue is no speech */
NX_WORDCLASS(BELIEF_WORD, "belief-word", RULE, NULL,
	"believe believes believed believing think thinks thought thinking "
	"want wants wanted wanting fear fears feared fearing hope hopes hoped "
	"hoping expect expects expected expecting feel feels felt feeling "
	"worry worries worried worrying know knows knew known knowing plan "
	"plans planned planning intend intends intended intending wish wishes "
	"wished wishing prefer prefers preferred preferring seem seems seemed "
	"seeming appear appears appeared appearing doubt doubts doubted "
	"doubting suspect suspects suspected suspecting guess guesses guessed "
	"reckon reckons reckoned assume assumes assumed understand understands "
	"understood consider considers considered considering imagine imagines "
	"imagined suppose supposes supposed see sees saw seeing seek seeks "
	"sought seeking view views belief beliefs opinion opinions")

/* offices and roles one person holds in a story, whose definite
 * description refers to the person most in view (The New York businessman,
 * the Republican nominee) when the article names no one so */
NX_WORDCLASS(ROLE_NOUN, "role-noun", RULE, NULL,
	"governor nominee senator president candidate secretary mayor "
	"congressman congresswoman businessman businesswoman billionaire "
	"chairman chairwoman chancellor minister premier ambassador lady "
	"representative prosecutor judge justice attorney commissioner "
	"sheriff superintendent speaker monarch king queen pope emperor")

/* nouns of a description that names no one in particular (the band leader,
 * a friend): words that head an organisation's description instead */
NX_WORDCLASS(MEDIA_NOUN, "media-noun", RULE, NULL,
	"newspaper paper network channel outlet magazine broadcaster station")

/* words of a paragraph's label before a colon that name no speaker (The Latest:, Breaking:) */
NX_WORDCLASS(LABEL, "label", RULE, NULL,
	"the latest breaking contributing revealed note byline correction "
	"update wow look boom busted bombshell exclusive poll watch read "
	"related transcript name so continued leaked photos video source "
	"sources")

/* ---- lexicons: lists of names, looked up for a span of tokens ---- */

/* given names of men, of women, and of either (the US Social Security
 * Administration's births by name and sex, tools/build-names) */
NX_WORDCLASS(MALE_NAME, "male-name", LEXICON, "gender/per-first-male.txt", "")
NX_WORDCLASS(FEMALE_NAME, "female-name", LEXICON, "gender/per-first-female.txt", "")
NX_WORDCLASS(EITHER_NAME, "either-name", LEXICON, "gender/per-first-either.txt", "")
/* titles and roles before a person's name, whole (Gov., Secretary of State,
 * press secretary), unlike the tagger's title class, which holds their words */
NX_WORDCLASS(PERSON_TITLE, "person-title", LEXICON, "title.txt", "")
/* family names */
NX_WORDCLASS(LAST_NAME, "last-name", LEXICON, "per-last.txt", "")
/* organisations, and news media */
NX_WORDCLASS(ORG_NAME, "org-name", LEXICON, "org.txt", "")
NX_WORDCLASS(MEDIA_NAME, "media-name", LEXICON, "org-media.txt", "")
/* words that end an organisation's name (Inc., Party, Bank) */
NX_WORDCLASS(ORG_SUFFIX, "org-suffix", LEXICON, "org-suffix.txt", "")
/* political affiliations, groups rather than persons (Democrats) */
NX_WORDCLASS(AFFILIATION, "affiliation", LEXICON, "misc-affiliation.txt", "")
/* nationalities and peoples, adjectives rather than names (Italian, Americans) */
NX_WORDCLASS(DEMONYM, "demonym", LEXICON, "misc-demonym.txt", "")
/* countries, regions and cities */
NX_WORDCLASS(COUNTRY, "country", LEXICON, "loc-country.txt", "")
NX_WORDCLASS(REGION, "region", LEXICON, "loc-region.txt", "")
NX_WORDCLASS(CITY, "city", LEXICON, "loc-city.txt", "")

/*
 * Word pairs that open the phrase saying how a source knows (three people
 * briefed on the discussions, officials familiar with the plan): read by
 * the mention rule knowing_phrase.  A reader that wants them defines
 * NX_WORDPAIR(first, second) before including this file.
 */
/*
 * Abbreviations of titles and the role word they stand for (Gov. Mike
 * Pence is "the governor"): read by the descriptions of the speakers pass.
 * A reader that wants them defines NX_ROLEABBREV(abbreviation, role).
 */
#ifdef NX_ROLEABBREV
NX_ROLEABBREV("gov", "governor")
NX_ROLEABBREV("sen", "senator")
NX_ROLEABBREV("sens", "senator")
NX_ROLEABBREV("rep", "representative")
NX_ROLEABBREV("reps", "representative")
NX_ROLEABBREV("pres", "president")
NX_ROLEABBREV("gen", "general")
NX_ROLEABBREV("lt", "lieutenant")
NX_ROLEABBREV("sec", "secretary")
NX_ROLEABBREV("atty", "attorney")
NX_ROLEABBREV("supt", "superintendent")
NX_ROLEABBREV("congressman", "representative")
NX_ROLEABBREV("congresswoman", "representative")
#endif

#ifdef NX_WORDPAIR
NX_WORDPAIR("briefed", "on")
NX_WORDPAIR("familiar", "with")
NX_WORDPAIR("close", "to")
NX_WORDPAIR("involved", "in")
NX_WORDPAIR("with", "knowledge")
NX_WORDPAIR("knowledgeable", "about")
#endif
