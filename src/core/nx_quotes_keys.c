/*
 * nx_quotes_keys.c
 *	  The keys pass, last: what each quotation is for a dashboard.
 *
 *	 speech		 does it report something said or written (said, told,
 *				 wrote, according to, a quotation) rather than a belief,
 *				 intention or feeling (believes, wants, fears)?  A row in
 *				 quotation marks is speech whatever its cue; a row without
 *				 them is a belief when its cue holds a word of belief
 *				 (BELIEF_WORD) and no verb of speech.
 *	 quote_key	 the same quotation in any article: FNV-1a 64 of the
 *				 lexicon keys of the quoted words in order (each the hash
 *				 of its case fold, nx_words_key), punctuation, quotation
 *				 marks and spacing left out.
 *				 The quoted words are the words in marks of a mixed
 *				 quotation, all its words otherwise.
 */
#include "nx_hash.h"
#include "nx_quotes_int.h"

/* Tokens of a cue read for a word of belief, at most (quotations may share one cue). */
#define CUE_READ_MAX		16

/* Is the cue of q a belief, intention or feeling rather than speech? */
static int
belief_cue(const QCtx *x, const NxQuote *q)
{
	int			belief = 0;

	for (uint32_t i = q->cue.tok; i < q->cue.tok + q->cue.ntok && i < q->cue.tok + CUE_READ_MAX; i++)
	{
		if (W(x, i, SPEECH_VERB) || W(x, i, TELL_VERB) || W(x, i, CUE_PREP))
			return 0;
		belief |= W(x, i, BELIEF_WORD);
	}
	return belief;
}

/* Does token i count as a word of a quotation's key? */
static int
key_token(const NxDoc *doc, uint32_t i)
{
	uint8_t		k = doc->tok[i].kind;

	return k == NX_TOK_WORD || k == NX_TOK_NUMBER || k == NX_TOK_CLITIC;
}

/* The key of q's quoted words. */
static uint64_t
quote_key(const QCtx *x, const NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint64_t	h = NX_FNV_OFFSET;
	int			marked_only = q->kind == NX_QK_MIXED;

	for (uint32_t i = q->text.tok; i < q->text.tok + q->text.ntok; i++)
	{
		uint8_t		k[8];

		if (!key_token(doc, i) || (marked_only && !x->inquote[i]))
			continue;
		for (int b = 0; b < 8; b++)
			k[b] = (uint8_t) (x->key[i] >> (8 * b));
		h = nx_fnv1a64_update(h, k, sizeof(k));
	}
	return h;
}

/* The keys pass. */
NxStatus
q_pass_keys(QCtx *x)
{
	for (size_t k = 0; k < x->nq; k++)
	{
		NxQuote    *q = &x->q[k];
		int			marked = q->kind == NX_QK_DIRECT || q->kind == NX_QK_MIXED ||
			q->kind == NX_QK_BLOCK;

		if ((k & (INTERRUPT_EVERY - 1)) == 0)
			nx_check_interrupts(x->a);
		q->speech = 1;
		if (!marked && q_on(x, NX_QR_BELIEF_CUE) && belief_cue(x, q))
		{
			q->speech = 0;
			q_mark(q, NX_QR_BELIEF_CUE);
		}
		q->quote_key = quote_key(x, q);
	}
	return NX_OK;
}
