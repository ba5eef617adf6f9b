/*
 * nx_quotes_blocks.c
 *	  The blocks pass: a paragraph ending "…he told the FSB that:" with a
 *	  cue in its last sentence (a stage-1 cue, else a reporting verb),
 *	  then a paragraph without quotation marks: that paragraph is the
 *	  content, whatever the tagger found inside it.  Runs before the
 *	  contents pass, which leaves such paragraphs alone.
 */
#include "nx_quotes_int.h"

/*
 * The cue token of paragraph p's last sentence when the paragraph ends
 * in a colon, or -1; *k walks the cue chunks once over all paragraphs.
 */
static int32_t
colon_cue(QCtx *x, size_t p, size_t *k)
{
	const NxDoc *doc = x->doc;
	uint32_t	last = x->para_tok[p + 1] - 1;
	uint32_t	sent = doc->tok[last].sentence;
	int32_t		cue = -1;

	while (*k < x->cue.n && x->cue.v[*k].e <= last)
	{
		if (doc->tok[x->cue.v[*k].s].sentence == sent)
			cue = (int32_t) x->cue.v[*k].s;
		(*k)++;
	}
	if (!is_punct(doc, last, ':'))
		return -1;
	/* a reporting verb after the last stage-1 cue is nearer the colon */
	for (uint32_t i = last; i-- > doc->sent[sent].tok && (cue < 0 || i > (uint32_t) cue);)
		if (W(x, i, CUE_VERB) && x->role[i] != ROLE_CUE)
			return (int32_t) i;
	return cue;
}

/* Does paragraph p hold a quotation mark? */
static int
para_has_marks(const QCtx *x, size_t p)
{
	for (uint32_t i = x->para_tok[p]; i < x->para_tok[p + 1]; i++)
		if (is_mark(x->doc, i))
			return 1;
	return 0;
}

/*
 * The block quote of paragraph p whose cue verb is token cs: its cue
 * (the whole stage-1 chunk if the verb is in one) and its source.
 * Returns 0 when the paragraph is read as any other after all.
 */
static int
block_attribution(QCtx *x, size_t p, uint32_t cs, QAttr *at)
{
	size_t		k = first_starting_from(&x->cue, cs);
	long		src;

	at->cue = QSPAN(cs, cs + 1);
	at->src = QNONE;
	if (k < x->cue.n && x->cue.v[k].s == cs)
	{
		at->cue.e = x->cue.v[k].e;
		x->used[k] = 1;
	}
	if (q_on(x, NX_QR_BLOCK_SUBJECT) && x->role[cs] != ROLE_CUE && cs > 0 &&
		(W(x, cs - 1, PRONOUN) || x->role[cs - 1] == ROLE_SOURCE))
	{
		/* a verb the tagger missed: its subject right before it */
		uint32_t	ss = cs - 1;

		while (ss > 0 && x->role[ss] == ROLE_SOURCE && x->role[ss - 1] == ROLE_SOURCE)
			ss--;
		at->src = QSPAN(ss, cs);
		q_fire(x, NX_QR_BLOCK_SUBJECT);
	}
	else if ((src = find_source(x, at->cue, QSPAN(x->para_tok[p], x->para_tok[p]))) >= 0)
		at->src = x->src.v[src];
	/*
	 * a reporting word the tagger did not take as a cue, and nobody
	 * saying it, is more often a noun ("in the United States (all times
	 * EST):", "three reasons ...:") than a block's cue
	 */
	if (q_on(x, NX_QR_BLOCK_NEEDS_SPEAKER) && x->role[cs] != ROLE_CUE && at->src.e == 0)
		return 0;
	return 1;
}

/* The blocks pass. */
NxStatus
q_pass_blocks(QCtx *x)
{
	size_t		k = 0;

	for (size_t p = 0; p <= x->npara; p++)
		x->block[p] = -1;
	if (!q_on(x, NX_QR_BLOCK_QUOTE))
		return NX_OK;
	for (size_t p = 0; p + 1 < x->npara; p++)
	{
		int32_t		cue = colon_cue(x, p, &k);

		if (cue >= 0 && !para_has_marks(x, p + 1))
			x->block[p + 1] = cue;
	}
	for (size_t p = 1; p < x->npara; p++)
	{
		QAttr		at;

		if (x->block[p] < 0)
			continue;
		memset(&x->fired, 0, sizeof(x->fired));
		if (!block_attribution(x, p, (uint32_t) x->block[p], &at))
		{
			x->block[p] = -1;
			continue;
		}
		if (!add_quote(x, QSPAN(x->para_tok[p], x->para_tok[p + 1]), &at, 1, NX_QR_BLOCK_QUOTE))
			return NX_ENOMEM;
	}
	return NX_OK;
}
