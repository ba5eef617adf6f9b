/*
 * nx_quotes.h
 *	  Quotations: who said what.  The entry point nx_quotes_extract finds
 *	  every attribution of a parsed document (its content, cue and source),
 *	  tells its kind, and resolves the speaker to a name.
 *
 * The work is split by concept:
 *	 nx_quotemarks.c  pairs quotation marks into spans;
 *	 nx_attrib*.c	  the learned attribution tagger (source, cue, content);
 *	 nx_quotes*.c	  the pipeline that makes quotations of its chunks, a
 *					  table of named passes over one context (nx_quotes.c;
 *					  nx_quotes_int.h lists the passes and their files);
 *	 nx_wordlist.h	  every word class the tagger and the rules read.
 *
 * Every quotation records the rules that made and changed it
 * (nx_quotes_rules.h), which quotes_debug() shows.
 */
#ifndef NX_QUOTES_H
#define NX_QUOTES_H

#include "nx_alloc.h"
#include "nx_model.h"
#include "nx_quotemarks.h"
#include "nx_text.h"

typedef enum NxQuoteKind
{
	NX_QK_DIRECT = 0,			/* wholly in quotation marks */
	NX_QK_MIXED,				/* partly quoted */
	NX_QK_INDIRECT,				/* reported speech without marks */
	NX_QK_BLOCK,				/* a verbatim passage after a colon and a paragraph break */
	NX_QK__COUNT
} NxQuoteKind;

/* What a speaker's name names: its key's type (person:, org:) or none. */
typedef enum NxSpeakerType
{
	NX_ST_NONE = 0,				/* no name (a doctor, officials), or a group */
	NX_ST_PERSON,
	NX_ST_ORG					/* an organisation, or a country speaking */
} NxSpeakerType;

/* A span of the document in tokens, characters (0-based) and bytes. */
typedef struct NxSpan
{
	uint32_t	tok;
	uint32_t	ntok;			/* 0: no span */
	uint32_t	c;
	uint32_t	clen;
	uint32_t	b;
	uint32_t	blen;
} NxSpan;

/* The rules of the pipeline (nx_quotes_rules.h). */
typedef enum NxQuoteRule
{
#define NX_QRULE(id, pass, name, what) NX_QR_##id,
#include "nx_quotes_rules.h"
#undef NX_QRULE
	NX_QR__COUNT
} NxQuoteRule;

/* A set of rules. */
#define NX_QR_WORDS 2
typedef struct NxQuoteRules
{
	uint64_t	w[NX_QR_WORDS];
} NxQuoteRules;

typedef struct NxQuote
{
	NxSpan		content;		/* as written, quotation marks included */
	NxSpan		text;			/* the words without the outer marks */
	NxSpan		cue;			/* reporting verb or phrase, or ntok 0 */
	NxSpan		mention;		/* the speaker as mentioned (a name, "he"), or ntok 0 */
	NxSpan		speaker;		/* the name the mention resolves to (a span of the
								 * document, often the mention itself), or ntok 0 */
	uint32_t	speaker_skip_b; /* bytes of the speaker span its name leaves out */
	uint32_t	speaker_skip_blen;	/* (Clinton’s campaign: ’s), 0 for none */
	uint8_t		speaker_type;	/* NxSpeakerType: what the speaker's name names */
	uint32_t	paragraph;		/* of the content's first token, 0-based */
	uint32_t	sentence;		/* likewise */
	uint8_t		kind;			/* NxQuoteKind */
	uint8_t		speech;			/* it reports what was said or written (said,
								 * told, according to, a quotation), not a
								 * belief, intention or feeling (believes,
								 * wants, fears) */
	uint64_t	quote_key;		/* a hash of its words, case-folded, without
								 * punctuation and marks: the same quotation in
								 * other articles has the same key */
	uint16_t	rule;			/* the rule that made it (NxQuoteRule) */
	uint16_t	last;			/* the rule that last changed it */
	NxQuoteRules rules;			/* every rule that made or changed it */
} NxQuote;

/* Is rule r in set rs? */
static inline int
nx_quote_rules_has(const NxQuoteRules *rs, NxQuoteRule r)
{
	return (rs->w[r / 64] >> (r % 64)) & 1;
}

/* Name of a rule as quotes_debug() shows it ("according_to"), and of its pass. */
extern const char *nx_quote_rule_name(NxQuoteRule r);
extern const char *nx_quote_rule_pass(NxQuoteRule r);

/*
 * The speaker's name of q, *len bytes: its span's bytes in text without
 * those it leaves out (Clinton’s campaign gives Clinton campaign).  A
 * name that leaves none out is returned in place, in text, and buf is
 * not touched (it may be NULL); else the name is written to buf, which
 * has room for q->speaker.blen bytes, and buf returned.
 */
extern const char *nx_quote_speaker_name(const char *text, const NxQuote *q, char *buf,
										 size_t *len);

/* Name of a quote kind as SQL shows it ("direct", "mixed" ...). */
extern const char *nx_quote_kind_name(NxQuoteKind kind);

/* Check that a model is a quotation model this build can run. */
extern NxStatus nx_quotes_check_model(const NxModel *m, char *errbuf, size_t errlen);

/*
 * Extract the quotations of a parsed document with an attribution model.
 * On NX_OK, *out is an array of *n quotations in document order,
 * allocated from a (NULL when *n is 0).  Linear in the document's length.
 */
extern NxStatus nx_quotes_extract(const NxModel *m, const NxDoc *doc,
								  NxQuote **out, size_t *n, const NxAlloc *a);

/*
 * Options of nx_quotes_extract_opt, for tests and the rule tests above all:
 * the tagger's labels given instead of decoded (the model's labels,
 * lexicon and clusters are read, its weights not), and rules switched off.
 */
/*
 * A ranking example of the speakers pass, for its trainer: a surname
 * that opens a sentence or a source, hidden, and the features of the
 * ncand entities in view that could be its referent (ncand x
 * nx_quotes_speaker_nfeat() floats), right the index of its own.
 */
typedef void (*NxSpeakerExampleFn) (void *arg, const float *feat, int ncand, int right);

typedef struct NxQuoteOptions
{
	const uint8_t *stage1;		/* [ntok] source and cue labels, or NULL */
	const uint8_t *stage2;		/* [ntok] content labels (with stage1) */
	NxQuoteRules off;			/* rules switched off */
	NxSpeakerExampleFn speaker_example; /* called with each ranking example, or NULL */
	void	   *example_arg;
} NxQuoteOptions;

/* The number of features of the speakers pass's ranking, and the weights of its explicit ordering. */
extern int	nx_quotes_speaker_nfeat(void);
extern void nx_quotes_speaker_default_weights(float *w);

/* A SPEAKERS model section of nfeat weights, allocated from a. */
extern NxStatus nx_quotes_speakers_section(const float *w, int nfeat, void **out, size_t *len,
										   const NxAlloc *a);

extern NxStatus nx_quotes_extract_opt(const NxModel *m, const NxDoc *doc,
									  const NxQuoteOptions *opt,
									  NxQuote **out, size_t *n, const NxAlloc *a);

#endif							/* NX_QUOTES_H */
